import type { LiveDataHub } from '@carbontrack/core/live';
import { ContextRoot, createContext } from '@lit/context';

/** The data access `<ct-provider>` gives its descendants. */
export const liveHubContext = createContext<LiveDataHub | undefined>(Symbol.for('carbontrack.live-hub'));

// Widgets may upgrade before their <ct-provider> (per-component entries loaded in any order):
// a context root replays their requests once the provider appears.
const ROOT_FLAG = Symbol.for('carbontrack.context-root');
const doc = globalThis.document as (Document & { [ROOT_FLAG]?: true }) | undefined;
if (doc && !doc[ROOT_FLAG]) {
  doc[ROOT_FLAG] = true;
  new ContextRoot().attach(doc.documentElement);
}

/** The `time-zone` of the nearest `<ct-provider>` ('' when it sets none). */
export const providerTimeZoneContext = createContext<string>(Symbol.for('carbontrack.provider-time-zone'));
