// The playground page: pick a device from live lists, see every widget for it, edit each widget's
// attributes live and copy its embed snippet, switch themes.
import '@carbontrack/widgets';
import { createCarbonTrackClient, type Device } from '@carbontrack/core';
import { attributeEditor } from './attribute-editor.js';
import { DevicePicker } from './device-picker.js';
import { embedSnippet } from './embed-snippet.js';
import { COMPONENTS, componentDoc } from './manifest.js';
import { applyTheme, type PlaygroundTheme } from './theme.js';

const PROXY_PATH = '/ct';
// Absolute, so a snippet pasted into a page on another origin still reaches this server.
const SCRIPT_URL = new URL('/ct-widgets.js', location.href).href;
const PROXY_URL = new URL(PROXY_PATH, location.href).href;
const SNIPPET_NOTE =
  "For another site, deploy @carbontrack/proxy with allowedOrigins: ['https://your-portal.example'] " +
  '(exact scheme://host:port; others get 403), or try it here with CARBONTRACK_ALLOWED_ORIGINS.';

// The widgets shown, with the attributes they start with.
const SHOWN: Array<{ tag: string; title: string; initial: Record<string, string> }> = [
  { tag: 'ct-device-card', title: 'Device card', initial: { 'refresh-interval': '60' } },
  { tag: 'ct-power-flow', title: 'Power flow', initial: {} },
  {
    tag: 'ct-usage-chart',
    title: 'Usage chart',
    initial: { range: '24h', fields: 'PowerUsage,Generating,PowerExported' },
  },
  { tag: 'ct-energy-summary', title: 'Energy summary', initial: { period: '7d' } },
];

const byId = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const container = byId<HTMLElement>('widgets');
const provider = byId<HTMLElement>('provider');
const widgets: HTMLElement[] = [];
const snippets: Array<() => void> = [];

/** A live widget on its stage, with its embed snippet kept in step (every device pick refreshes it). */
function stagedWidget(tag: string, attributes: Record<string, string>) {
  const stage = document.createElement('div');
  stage.className = 'stage';
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  stage.append(element);
  widgets.push(element);
  const pre = document.createElement('pre');
  pre.className = 'snippet';
  const code = document.createElement('code');
  pre.append(code);
  const refresh = () => {
    code.textContent = embedSnippet(element, SCRIPT_URL, PROXY_URL);
  };
  snippets.push(refresh);
  return { stage, element, pre, refresh };
}

for (const { tag, title, initial } of SHOWN) {
  const doc = componentDoc(tag);
  const panel = document.createElement('section');
  panel.className = 'widget-panel';
  const heading = document.createElement('h2');
  heading.textContent = `<${tag}>`;
  heading.title = title;
  const { stage, element, pre, refresh } = stagedWidget(tag, initial);
  const copy = document.createElement('button');
  copy.type = 'button';
  copy.textContent = 'Copy embed code';
  copy.addEventListener('click', () => {
    const done = (label: string) => {
      copy.textContent = label;
      setTimeout(() => {
        copy.textContent = 'Copy embed code';
      }, 1500);
    };
    // No clipboard (an insecure origin, a denied permission): say so, the code above stays selectable.
    (navigator.clipboard?.writeText(pre.textContent ?? '') ?? Promise.reject(new Error('No clipboard'))).then(
      () => done('Copied'),
      () => done('Copy failed: select the code'),
    );
  });
  const note = document.createElement('p');
  note.className = 'note snippet-note';
  note.textContent = SNIPPET_NOTE;
  const actions = document.createElement('div');
  actions.className = 'snippet-actions';
  actions.append(copy, note);

  panel.append(heading, stage);
  if (doc) panel.append(attributeEditor(doc, element, refresh));
  panel.append(pre, actions);
  container.append(panel);
  refresh();
}

// Money, comparisons and circuits: the same tags with the attributes of issue 16, each with its
// embed snippet. The tariff is core's example (labelled so), served by the playground as a partner
// would host theirs.
const TARIFF_URL = new URL('/tariffs/example-time-of-use.tariff.json', location.href).href;
const FEATURED: Array<{ tag: string; title: string; about: string; attributes: Record<string, string> }> = [
  {
    tag: 'ct-energy-summary',
    title: 'Today, what it cost, against yesterday by this time',
    about: 'tariff-url prices each interval at the local time it was used; compare shows signed changes.',
    attributes: { period: 'today', compare: 'previous', 'tariff-url': TARIFF_URL },
  },
  {
    tag: 'ct-usage-chart',
    title: 'Daily energy against the same days a year earlier',
    about: 'compare="year" draws each day beside its twin a year before, muted.',
    attributes: { range: '7d', mode: 'energy', compare: 'year', fields: 'PowerUsage' },
  },
  {
    tag: 'ct-usage-chart',
    title: 'Where the energy went, by circuit',
    about: 'stack="circuits" stacks Power1–4, named by circuit-labels, with the untracked rest.',
    attributes: {
      range: '7d',
      mode: 'energy',
      stack: 'circuits',
      'circuit-labels': 'Lights and power,Hot water,Air con,Pool pump',
    },
  },
];
const featured = document.createElement('section');
featured.className = 'featured';
featured.setAttribute('aria-labelledby', 'featured-title');
const featuredTitle = document.createElement('h2');
featuredTitle.id = 'featured-title';
featuredTitle.textContent = 'Money, comparisons and circuits';
const tariffNote = document.createElement('p');
tariffNote.className = 'note';
const tariffLink = document.createElement('a');
tariffLink.href = TARIFF_URL;
tariffLink.textContent = 'the example time-of-use tariff';
tariffNote.append(
  'Priced with ',
  tariffLink,
  ' (an example, not a real offer; see tariff.schema.json in @carbontrack/core).',
);
featured.append(featuredTitle, tariffNote);
const featuredGrid = document.createElement('div');
featuredGrid.className = 'widgets';
for (const { tag, title, about, attributes } of FEATURED) {
  const panel = document.createElement('section');
  panel.className = 'widget-panel featured-panel';
  const heading = document.createElement('h3');
  heading.textContent = title;
  const note = document.createElement('p');
  note.className = 'note';
  note.textContent = about;
  const { stage, pre, refresh } = stagedWidget(tag, attributes);
  panel.append(heading, note, stage, pre);
  featuredGrid.append(panel);
  refresh();
}
featured.append(featuredGrid);
container.after(featured);

const documentedProperties = new Set(COMPONENTS.flatMap((c) => (c.cssProperties ?? []).map((p) => p.name)));
const themeSelect = byId<HTMLSelectElement>('theme');
themeSelect.addEventListener('change', () => {
  applyTheme(themeSelect.value as PlaygroundTheme, widgets, provider, documentedProperties);
  for (const refresh of snippets) refresh();
});

function showDevice(device: Device) {
  for (const widget of widgets) widget.setAttribute('device-id', device.DeviceID ?? '');
  for (const refresh of snippets) refresh();
  document.body.dataset.deviceId = device.DeviceID ?? '';
}

const client = createCarbonTrackClient({ baseUrl: PROXY_URL, auth: 'none' });
byId<HTMLElement>('source-note').textContent =
  'Live data through the embedding proxy at /ct: the browser holds no credentials.';
const picker = new DevicePicker(
  client,
  {
    distributor: byId('distributor'),
    searchField: byId('search-field'),
    searchText: byId('search-text'),
    customer: byId('customer'),
    device: byId('device'),
    status: byId('status'),
  },
  showDevice,
);
picker.start().catch((error: unknown) => {
  byId<HTMLElement>('status').textContent =
    `Could not reach the API: ${error instanceof Error ? error.message : String(error)}`;
});
