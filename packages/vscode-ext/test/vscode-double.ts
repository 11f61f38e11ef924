/**
 * A minimal stand-in for the `vscode` module, aliased in vitest.config.ts. It implements the value
 * types the extension constructs (TreeItem, EventEmitter, Range, ...) and records what the extension
 * registers, so providers and commands run in plain Node against a real simulator.
 */
import { fileURLToPath, pathToFileURL } from 'node:url';

type Listener<T> = (value: T) => unknown;

export class Disposable {
  constructor(private readonly callback: () => void = () => {}) {}
  dispose(): void {
    this.callback();
  }
}

export class EventEmitter<T> {
  private listeners = new Set<Listener<T>>();
  readonly event = (listener: Listener<T>) => {
    this.listeners.add(listener);
    return new Disposable(() => this.listeners.delete(listener));
  };
  fire(value: T): void {
    for (const listener of [...this.listeners]) listener(value);
  }
  dispose(): void {
    this.listeners.clear();
  }
}

export enum TreeItemCollapsibleState {
  None = 0,
  Collapsed = 1,
  Expanded = 2,
}

export class ThemeIcon {
  constructor(
    readonly id: string,
    readonly color?: ThemeColor,
  ) {}
}

export class ThemeColor {
  constructor(readonly id: string) {}
}

export class MarkdownString {
  value = '';
  appendText(text: string): this {
    this.value += text;
    return this;
  }
  appendMarkdown(text: string): this {
    this.value += text;
    return this;
  }
}

export class TreeItem {
  id?: string;
  description?: string;
  tooltip?: string | MarkdownString;
  iconPath?: ThemeIcon;
  contextValue?: string;
  command?: { command: string; title: string; arguments?: unknown[] };
  constructor(
    public label: string,
    public collapsibleState: TreeItemCollapsibleState = TreeItemCollapsibleState.None,
  ) {}
}

export class Position {
  constructor(
    readonly line: number,
    readonly character: number,
  ) {}
}

export class Range {
  readonly start: Position;
  readonly end: Position;
  constructor(a: Position | number, b: Position | number, c?: number, d?: number) {
    this.start = typeof a === 'number' ? new Position(a, b as number) : a;
    this.end = typeof a === 'number' ? new Position(c as number, d as number) : (b as Position);
  }
}

export enum DiagnosticSeverity {
  Error = 0,
  Warning = 1,
  Information = 2,
  Hint = 3,
}

export class Diagnostic {
  source?: string;
  constructor(
    readonly range: Range,
    readonly message: string,
    readonly severity: DiagnosticSeverity = DiagnosticSeverity.Error,
  ) {}
}

export class CodeLens {
  constructor(
    readonly range: Range,
    readonly command?: { title: string; command: string; arguments?: unknown[]; tooltip?: string },
  ) {}
}

export class CancellationError extends Error {
  constructor() {
    super('Canceled');
    this.name = 'CancellationError';
  }
}

export enum ProgressLocation {
  SourceControl = 1,
  Window = 10,
  Notification = 15,
}

export enum ViewColumn {
  Active = -1,
  One = 1,
}

export enum StatusBarAlignment {
  Left = 1,
  Right = 2,
}

export class Uri {
  private constructor(
    readonly scheme: string,
    readonly path: string,
    readonly query = '',
  ) {}
  static from(parts: { scheme: string; path: string; query?: string }): Uri {
    return new Uri(parts.scheme, parts.path, parts.query ?? '');
  }
  static file(path: string): Uri {
    return new Uri('file', path);
  }
  static parse(text: string): Uri {
    const url = new URL(text);
    return new Uri(url.protocol.replace(/:$/, ''), decodeURIComponent(url.pathname));
  }
  static joinPath(base: Uri, ...parts: string[]): Uri {
    return new Uri(base.scheme, [base.path.replace(/\/+$/, ''), ...parts].join('/'));
  }
  get fsPath(): string {
    return this.scheme === 'file' ? fileURLToPath(pathToFileURL(this.path)) : this.path;
  }
  with(change: { path?: string }): Uri {
    return new Uri(this.scheme, change.path ?? this.path);
  }
  toString(): string {
    return `${this.scheme}://${this.path}${this.query ? `?${this.query}` : ''}`;
  }
}

/** A text document over a string, with the offset ↔ position mapping diagnostics use. */
export class TestDocument {
  constructor(
    readonly uri: Uri,
    private text: string,
    readonly languageId = 'ctquery',
  ) {}
  getText(): string {
    return this.text;
  }
  setText(text: string): void {
    this.text = text;
  }
  positionAt(offset: number): Position {
    const before = this.text.slice(0, offset).split('\n');
    return new Position(before.length - 1, (before.at(-1) ?? '').length);
  }
}

/** Cancellation token and progress used by `withProgress`. */
export function createCancellation() {
  const emitter = new EventEmitter<void>();
  const token = {
    isCancellationRequested: false,
    onCancellationRequested: emitter.event,
  };
  return {
    token,
    cancel() {
      token.isCancellationRequested = true;
      emitter.fire();
    },
  };
}

// Recorded state of the fake workbench, for tests.
export const recorded = {
  commands: new Map<string, (...args: unknown[]) => unknown>(),
  treeViews: new Map<string, { treeDataProvider: unknown }>(),
  messages: [] as Array<{ level: 'info' | 'warning' | 'error'; text: string }>,
  output: [] as string[],
  settings: new Map<string, unknown>(),
  opened: [] as Array<{ content?: string; language?: string; uri?: string }>,
  statusMessages: [] as string[],
  contentProviders: new Map<string, { provideTextDocumentContent(uri: Uri): string }>(),
};

/** Scripted answers of input boxes and quick picks, consumed in order (undefined = dismissed). */
export const answers: unknown[] = [];

const message = (level: 'info' | 'warning' | 'error') => async (text: string) => {
  recorded.messages.push({ level, text });
  return undefined;
};

export const window = {
  activeTextEditor: undefined as unknown,
  createOutputChannel: (_name: string) => ({
    appendLine: (line: string) => recorded.output.push(line),
    dispose() {},
  }),
  createTreeView: (id: string, options: { treeDataProvider: unknown }) => {
    recorded.treeViews.set(id, options);
    return new Disposable();
  },
  setStatusBarMessage: (text: string) => {
    recorded.statusMessages.push(text);
    return new Disposable();
  },
  createStatusBarItem: () => ({ text: '', tooltip: '', command: undefined, show() {}, hide() {}, dispose() {} }),
  showInformationMessage: message('info'),
  showWarningMessage: message('warning'),
  showErrorMessage: message('error'),
  showInputBox: async () => answers.shift(),
  showQuickPick: async () => answers.shift(),
  showSaveDialog: async () => answers.shift(),
  showTextDocument: async (document: unknown) => ({ document }),
  withProgress: async <R>(_options: unknown, task: (progress: unknown, token: unknown) => Promise<R>) =>
    task({ report() {} }, createCancellation().token),
  createWebviewPanel: () => {
    throw new Error('webview panels are not available in the vscode double');
  },
};

export const workspace = {
  workspaceFolders: undefined as undefined | Array<{ uri: Uri }>,
  textDocuments: [] as TestDocument[],
  getConfiguration: (section: string) => ({
    get: <T>(key: string): T | undefined => recorded.settings.get(`${section}.${key}`) as T | undefined,
    update: async (key: string, value: unknown) => {
      recorded.settings.set(`${section}.${key}`, value);
    },
  }),
  openTextDocument: async (arg: { content?: string; language?: string } | Uri) => {
    if (arg instanceof Uri) {
      // A content provider's document (read-only, never dirty), as VS Code opens it.
      const provider = recorded.contentProviders.get(arg.scheme);
      if (!provider) throw new Error('opening files is not available in the vscode double');
      const content = provider.provideTextDocumentContent(arg);
      const language = arg.path.endsWith('.json') ? 'json' : 'plaintext';
      recorded.opened.push({ content, language, uri: arg.toString() });
      return new TestDocument(arg, content, language);
    }
    recorded.opened.push(arg);
    return new TestDocument(Uri.parse('untitled:result'), arg.content ?? '', arg.language);
  },
  registerTextDocumentContentProvider: (scheme: string, provider: { provideTextDocumentContent(uri: Uri): string }) => {
    recorded.contentProviders.set(scheme, provider);
    return new Disposable(() => recorded.contentProviders.delete(scheme));
  },
  onDidChangeConfiguration: () => new Disposable(),
  onDidOpenTextDocument: () => new Disposable(),
  onDidChangeTextDocument: () => new Disposable(),
  onDidCloseTextDocument: () => new Disposable(),
};

export const commands = {
  registerCommand: (id: string, run: (...args: unknown[]) => unknown) => {
    recorded.commands.set(id, run);
    return new Disposable(() => recorded.commands.delete(id));
  },
  executeCommand: async (id: string, ...args: unknown[]) => recorded.commands.get(id)?.(...args),
};

export class TestDiagnosticCollection {
  readonly entries = new Map<string, Diagnostic[]>();
  set(uri: Uri, diagnostics: Diagnostic[]): void {
    this.entries.set(uri.toString(), diagnostics);
  }
  get(uri: Uri): Diagnostic[] | undefined {
    return this.entries.get(uri.toString());
  }
  delete(uri: Uri): void {
    this.entries.delete(uri.toString());
  }
  dispose(): void {
    this.entries.clear();
  }
}

export const languages = {
  createDiagnosticCollection: () => new TestDiagnosticCollection(),
  registerCodeLensProvider: () => new Disposable(),
};

export const env = {
  clipboard: {
    text: '',
    async writeText(text: string) {
      env.clipboard.text = text;
    },
    async readText() {
      return env.clipboard.text;
    },
  },
};

/** In-memory SecretStorage. */
export class TestSecrets {
  readonly values = new Map<string, string>();
  async get(key: string) {
    return this.values.get(key);
  }
  async store(key: string, value: string) {
    this.values.set(key, value);
  }
  async delete(key: string) {
    this.values.delete(key);
  }
}
