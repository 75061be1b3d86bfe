// What only the desktop shell can do for the page: native file dialogs, opening a file with its
// application, showing it in its folder, the camera. Electron's main provides these; browser mode
// provides what it can, and an operation it cannot do answers `unsupported` with the alternative.
export interface DesktopPort {
  openPath(path: string): Promise<void>;
  showInFolder(path: string): Promise<void>;
  pickDocuments(): Promise<string[]>;
  pickFolder(): Promise<string | null>;
  allowCamera(): void;
}
