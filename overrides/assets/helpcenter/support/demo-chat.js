// The sample help center's stand-in chat widget (chat.provider: custom in mkdocs.yml): the
// sample has no chat vendor account, so opening the chat says so and offers the contact form.
// A real site names its vendor instead (intercom, crisp, tawk, zendesk, chatwoot, hubspot).
//
// It shows our own chat panel; support/chat.js keeps the launcher beside it, marks it
// expanded, and closes the panel (Close, Escape, the launcher again) back to the launcher.

window.addEventListener("helpcenter:chat-open", () => {
  const panel = document.getElementById("hc-chat-panel");
  const spanish = document.documentElement.lang.startsWith("es");
  panel.querySelector(".hc-chat-panel__message").textContent = spanish
    ? "Este centro de ayuda de ejemplo no tiene un chat conectado. Escríbenos con el formulario de contacto."
    : "This sample help center has no chat service connected. Please write to us with the contact form.";
  panel.hidden = false;
  panel.querySelector("a")?.focus();
});
