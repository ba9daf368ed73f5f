/**
 * A camera for browser tests: getUserMedia answers with a 640×480 canvas stream on which the test
 * shows one QR code at a time (window.__showCode(dataUrl), null for none), as a label held in front
 * of the phone. Added with context.addInitScript before the page loads.
 */
export const FAKE_CAMERA = `(() => {
  const canvas = document.createElement('canvas');
  canvas.width = 640;
  canvas.height = 480;
  const context = canvas.getContext('2d');
  let image = null;
  const paint = () => {
    context.fillStyle = '#fff';
    context.fillRect(0, 0, 640, 480);
    if (image) context.drawImage(image, 170, 90, 300, 300);
  };
  paint();
  setInterval(paint, 40);
  window.__showCode = (url) =>
    new Promise((resolve) => {
      if (!url) {
        image = null;
        paint();
        return resolve(Date.now());
      }
      const next = new Image();
      next.onload = () => {
        image = next;
        paint();
        resolve(Date.now());
      };
      next.src = url;
    });
  navigator.mediaDevices.getUserMedia = async () => canvas.captureStream(15);
})();`;
