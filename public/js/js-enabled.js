// Mirrors the NHS.UK frontend page template's inline script, as a file so the CSP needs no inline script.
document.body.className +=
  ' js-enabled' + ('noModule' in HTMLScriptElement.prototype ? ' nhsuk-frontend-supported' : '');
