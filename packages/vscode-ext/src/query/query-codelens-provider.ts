import { CodeLens, type CodeLensProvider, type Disposable, EventEmitter, Range, type TextDocument } from 'vscode';

/** What the CodeLens needs to know: the connection a run would use, and when that changes. */
export interface ActiveConnectionSource {
  readonly active: { name: string } | undefined;
  readonly onDidChange: (listener: () => void) => Disposable;
}

/** "▶ Run on <connection>" above every `.ctquery` file, following the active connection. */
export class QueryCodeLensProvider implements CodeLensProvider {
  private readonly _onDidChangeCodeLenses = new EventEmitter<void>();
  readonly onDidChangeCodeLenses = this._onDidChangeCodeLenses.event;
  private readonly subscription: Disposable | undefined;

  constructor(private readonly connections?: ActiveConnectionSource) {
    this.subscription = connections?.onDidChange(() => this._onDidChangeCodeLenses.fire());
  }

  provideCodeLenses(document: TextDocument): CodeLens[] {
    const active = this.connections?.active;
    return [
      new CodeLens(new Range(0, 0, 0, 0), {
        title: active ? `▶ Run on ${active.name}` : '▶ Run query (no connection yet)',
        tooltip: active
          ? `Run this query with the carbonTRACK connection "${active.name}"`
          : 'Add a carbonTRACK connection, or start the local simulator, to run this query',
        command: 'carbontrack.query.run',
        arguments: [document.uri],
      }),
    ];
  }

  dispose(): void {
    this.subscription?.dispose();
    this._onDidChangeCodeLenses.dispose();
  }
}
