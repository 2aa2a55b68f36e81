// The API reference page: Swagger UI (vendored) over this server's own OpenAPI document.
"use strict";
window.addEventListener("DOMContentLoaded", () => {
  window.SwaggerUIBundle({
    url: document.body.dataset.openapi,
    dom_id: "#swagger-ui",
    deepLinking: false, // a link inside each operation's button would be a control inside a control (axe-core)
    validatorUrl: null, // the default would send the schema to an outside validator
  });
});
