import { basename } from 'node:path';
import { EventEmitter, type TextDocumentContentProvider, Uri } from 'vscode';

/**
 * Query results as read-only documents of their own scheme, one per query file, updated in place
 * on every run: nothing to save, no "Untitled-N" tab per run, and closing asks nothing. The tab is
 * named after the query file ("day.ctquery (results).csv").
 */
export class QueryResults implements TextDocumentContentProvider {
  static readonly scheme = 'carbontrack-result';
  private readonly contents = new Map<string, string>();
  private readonly changed = new EventEmitter<Uri>();
  readonly onDidChange = this.changed.event;

  /** Stores `content` as the result of the query at `queryUri` and returns the document's URI. */
  set(queryUri: Uri, content: string, language: 'json' | 'csv'): Uri {
    const name = basename(queryUri.path) || 'query';
    const uri = Uri.from({
      scheme: QueryResults.scheme,
      path: `/${name} (results).${language}`,
      // The query file's URI keeps results of two same-named files apart.
      query: encodeURIComponent(queryUri.toString()),
    });
    const key = uri.toString();
    const known = this.contents.has(key);
    this.contents.set(key, content);
    if (known) this.changed.fire(uri);
    return uri;
  }

  provideTextDocumentContent(uri: Uri): string {
    return this.contents.get(uri.toString()) ?? '';
  }

  dispose(): void {
    this.changed.dispose();
    this.contents.clear();
  }
}
