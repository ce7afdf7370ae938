// The 打印 button of a sheet: shown only where this script runs, so a page
// without JavaScript never shows a button that does nothing.
for (const button of document.querySelectorAll(".print-button")) {
  button.hidden = false;
  button.addEventListener("click", () => window.print());
}
