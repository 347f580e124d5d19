// Passkeys (accounts/passkeys.py). django-otp-webauthn's scripts, served from our static
// files after this module, call a global `gettext` for their status lines: answer it from
// the words the server translated into the page's JSON data block. Once a passkey is added,
// fetch the two-factor page again so its list (and any new recovery codes) show.
const block = document.getElementById("secondtrack-passkey-words");
const words = block ? JSON.parse(block.textContent) : {};
globalThis.gettext = (msgid) => words[msgid] || msgid;

document.addEventListener("otp_webauthn.register_complete", () => {
  window.location.assign(window.location.pathname + window.location.search);
});
