"""The journal: what a person logged, and how a day, a week or a year of it adds up."""
