// Mg Coach, Log page: read a barcode with the camera or from a photo, then post the barcode
// form with it (the server looks it up, as it does typed digits). The browser's own
// BarcodeDetector when it reads EAN-13; else the vendored ponyfill (static/vendor/
// barcode-detector: ZXing-C++ in WebAssembly), its .wasm served from this site, never a CDN.
// Without this script the typed barcode still posts.
"use strict";
(function () {
  const form = document.getElementById("log-barcode");
  const tools = document.getElementById("scan-tools");
  if (!form || !tools || !window.createImageBitmap) return;
  const field = form.querySelector('input[name="barcode"]');
  const cameraButton = document.getElementById("scan-camera");
  const photo = document.getElementById("scan-photo");
  const view = document.getElementById("scan-view");
  const video = view.querySelector("video");
  const stopButton = document.getElementById("scan-stop");
  const status = document.getElementById("scan-status");
  const VENDOR = "/static/vendor/barcode-detector/";
  const FORMATS = ["ean_13", "ean_8", "upc_a", "itf"];
  const EVERY_MS = 250;
  let detecting = null; // the detector's promise, made once
  let stream = null;
  let timer = 0;

  function say(key, code) {
    status.textContent = (tools.dataset[key] || "").replace("{code}", code || "");
  }

  async function ownDetector() {
    if (!("BarcodeDetector" in window)) return null;
    try {
      const formats = await window.BarcodeDetector.getSupportedFormats();
      if (formats.indexOf("ean_13") < 0) return null;
      return new window.BarcodeDetector({
        formats: FORMATS.filter(function (f) { return formats.indexOf(f) >= 0; }),
      });
    } catch (error) {
      return null;
    }
  }

  function loadPonyfill() {
    return new Promise(function (resolve, reject) {
      if (window.BarcodeDetectionAPI) { resolve(window.BarcodeDetectionAPI); return; }
      const script = document.createElement("script");
      script.src = VENDOR + "ponyfill.js";
      script.onload = function () { resolve(window.BarcodeDetectionAPI); };
      script.onerror = reject;
      document.head.appendChild(script);
    });
  }

  function detector() {
    if (!detecting) {
      detecting = (async function () {
        const own = await ownDetector();
        if (own) return own;
        const api = await loadPonyfill();
        api.prepareZXingModule({
          overrides: {
            locateFile: function (path, prefix) {
              return path.endsWith(".wasm") ? VENDOR + path : prefix + path;
            },
          },
        });
        return new api.BarcodeDetector({ formats: FORMATS });
      })();
      detecting.catch(function () { detecting = null; });
    }
    return detecting;
  }

  function stop() {
    window.clearTimeout(timer);
    if (stream) stream.getTracks().forEach(function (track) { track.stop(); });
    stream = null;
    video.srcObject = null;
    view.hidden = true;
  }

  function read(codes) {
    const code = codes.map(function (c) { return c.rawValue; }).find(Boolean);
    if (!code) return false;
    stop();
    field.value = code;
    say("found", code);
    if (form.requestSubmit) form.requestSubmit(); else form.submit();
    return true;
  }

  async function tick(found) {
    if (!stream) return;
    try {
      if (video.readyState >= 2 && read(await found.detect(video))) return;
    } catch (error) {
      /* a frame that could not be read: try the next */
    }
    if (stream) timer = window.setTimeout(function () { tick(found); }, EVERY_MS);
  }

  async function startCamera() {
    try {
      const found = await detector();
      stream = await navigator.mediaDevices.getUserMedia({
        video: { facingMode: { ideal: "environment" } },
        audio: false,
      });
      video.srcObject = stream;
      view.hidden = false;
      await video.play();
      say("start");
      tick(found);
    } catch (error) {
      stop();
      say(error && error.name === "NotAllowedError" ? "denied" : "failed");
      photo.focus();
    }
  }

  async function readPhoto() {
    const file = photo.files && photo.files[0];
    if (!file) return;
    stop();
    say("reading");
    try {
      const found = await detector();
      const image = await window.createImageBitmap(file);
      if (!read(await found.detect(image))) say("none");
    } catch (error) {
      say("failed");
    }
  }

  tools.hidden = false;
  if (navigator.mediaDevices && navigator.mediaDevices.getUserMedia) {
    cameraButton.hidden = false;
    cameraButton.addEventListener("click", startCamera);
    stopButton.addEventListener("click", function () { stop(); cameraButton.focus(); });
  }
  photo.addEventListener("change", readPhoto);
  window.addEventListener("pagehide", stop);
})();
