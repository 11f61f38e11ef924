import type { env, window, workspace } from 'vscode';

/** The parts of `vscode.window` that commands use; tests pass a scripted stand-in. */
export type WindowPort = Pick<
  typeof window,
  | 'showInputBox'
  | 'showQuickPick'
  | 'showSaveDialog'
  | 'showInformationMessage'
  | 'showWarningMessage'
  | 'showErrorMessage'
  | 'withProgress'
  | 'showTextDocument'
>;

/** The parts of `vscode.workspace` that commands use. */
export type WorkspacePort = Pick<typeof workspace, 'openTextDocument'>;

/** The clipboard. */
export type ClipboardPort = Pick<typeof env.clipboard, 'writeText'>;
