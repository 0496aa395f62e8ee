"""The web app: the site (pages/, templates/, static/) and the JSON API (api/), one FastAPI
application made by ``app.create_app``. ``mgcoach serve`` runs it under uvicorn."""
