import { CodeLens, type CodeLensProvider, EventEmitter, Range, type TextDocument } from 'vscode';

/** "▶ Run query" above every `.ctquery` file. */
export class QueryCodeLensProvider implements CodeLensProvider {
  private readonly _onDidChangeCodeLenses = new EventEmitter<void>();
  readonly onDidChangeCodeLenses = this._onDidChangeCodeLenses.event;

  provideCodeLenses(document: TextDocument): CodeLens[] {
    return [
      new CodeLens(new Range(0, 0, 0, 0), {
        title: '▶ Run query',
        tooltip: 'Run this query with the active carbonTRACK connection',
        command: 'carbontrack.query.run',
        arguments: [document.uri],
      }),
    ];
  }

  dispose(): void {
    this._onDidChangeCodeLenses.dispose();
  }
}
