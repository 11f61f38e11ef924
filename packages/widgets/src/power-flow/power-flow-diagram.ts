import { html, nothing, svg, type TemplateResult } from 'lit';
import type { Formatter } from '../shared/locale.js';
import { FLOW_SOURCES, NODE_RADIUS, type PowerFlowReading, powerFlowView, VIEW_BOX } from './power-flow-view.js';

/**
 * The diagram of one reading: tracks, flows with their arrowheads, the nodes, and the visually
 * hidden list of flows. A chunk of its own in `ct-widgets.js`, loaded when a `<ct-power-flow>`
 * first renders, so pages without one (a chart, a card) do not download its geometry.
 */
export function renderPowerFlowDiagram(
  reading: PowerFlowReading,
  options: { hasBattery: boolean; format: Formatter },
): TemplateResult {
  const view = powerFlowView(reading, options);
  return html`<svg part="diagram" viewBox="0 0 ${VIEW_BOX.width} ${VIEW_BOX.height}" aria-hidden="true">
      ${svg`<defs>
        ${FLOW_SOURCES.map(
          (source) =>
            svg`<marker id="arrow-${source}" class="arrow from-${source}" viewBox="0 0 10 10" refX="8" refY="5"
              markerWidth="11" markerHeight="11" markerUnits="userSpaceOnUse" orient="auto">
              <path d="M0 0 L10 5 L0 10 Z"></path>
            </marker>`,
        )}
      </defs>
      ${view.tracks.map((t) => svg`<path class="track" part="track" data-track=${t.key} d=${t.d}></path>`)}
      ${view.flows.map(
        (l) =>
          svg`<path class="flow from-${l.from}" part="flow" data-flow="${l.from}-${l.to}"
            data-track=${l.track} d=${l.d} marker-end="url(#arrow-${l.from})"
            .style=${`stroke-width:${l.width}px;--_duration:${l.durationS}s`}></path>`,
      )}
      ${view.nodes.map(
        (n) =>
          svg`<g class="node ${n.key}" part="node" data-node=${n.key} transform="translate(${n.x} ${n.y})">
            <circle r=${NODE_RADIUS}></circle>
            <text class="label" y=${n.value ? -7 : 4}>${n.label}</text>
            ${n.value ? svg`<text class="value" y="12">${n.value}</text>` : nothing}
            ${n.caption ? svg`<text class="caption" part="caption" y=${NODE_RADIUS + 20}>${n.caption}</text>` : nothing}
          </g>`,
      )}`}
    </svg>
    <ul class="visually-hidden" part="description">
      ${view.description.map((line) => html`<li>${line}</li>`)}
    </ul>`;
}
