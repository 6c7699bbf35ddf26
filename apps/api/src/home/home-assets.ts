// Served from our own origin so the Content-Security-Policy can forbid inline script and style.

export const homeStylesheet = (accentColor: string) => `:root { --accent: ${accentColor}; }
body { font-family: system-ui, sans-serif; margin: 0; color: #1f2933; }
header { background: var(--accent); color: #fff; padding: 1rem 2rem; }
header h1 { margin: 0; }
main { padding: 1rem 2rem; max-width: 60rem; }
form { display: grid; gap: 0.5rem; max-width: 30rem; }
input { width: 100%; padding: 0.4rem; }
button { background: var(--accent); color: #fff; border: 0; padding: 0.5rem; cursor: pointer; }
table { border-collapse: collapse; width: 100%; }
td, th { border-bottom: 1px solid #ddd; padding: 0.3rem; text-align: left; }
td.url { word-break: break-all; }
td.num { text-align: right; }
.alert { background: #fde8e8; padding: 0.5rem; }
footer { padding: 1rem 2rem; color: #52606d; font-size: 0.9rem; }
`;

export const homeScript = `"use strict";
document.addEventListener("DOMContentLoaded", () => {
  const form = document.getElementById("shorten");
  const result = document.getElementById("result");
  form.token.value = sessionStorage.getItem("shortlinks-token") || "";
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    sessionStorage.setItem("shortlinks-token", form.token.value);
    const body = { url: form.url.value };
    if (form.slug.value) body.slug = form.slug.value;
    const response = await fetch("/api/links", {
      method: "POST",
      headers: { "content-type": "application/json", authorization: "Bearer " + form.token.value },
      body: JSON.stringify(body),
    });
    const data = await response.json();
    result.textContent = response.ok ? "Short link: " + data.shortUrl : "Error: " + data.error.message;
    if (response.ok) setTimeout(() => location.reload(), 800);
  });
});
`;
