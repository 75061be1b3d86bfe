// Hands text made by core to the person as a file: a Blob behind an <a download>, which the browser
// saves to its downloads and Electron offers to save where the RAO chooses.
export function downloadText(filename: string, content: string, type: string): void {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // Kept a while: a slow save dialog or a large file may still be reading it.
  window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
