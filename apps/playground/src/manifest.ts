// The parts of custom-elements.json (the Custom Elements Manifest schema) the playground reads.
import manifest from '@carbontrack/widgets/custom-elements.json';

/** One attribute of a component. */
export interface ManifestAttribute {
  name: string;
  description?: string;
  default?: string;
  type?: { text: string };
  fieldName?: string;
}

/** A named, described item: event, CSS property, CSS part or slot. */
export interface ManifestItem {
  name: string;
  description?: string;
  default?: string;
  type?: { text: string };
}

/** One component's declaration. */
export interface ComponentDoc {
  tagName: string;
  name: string;
  summary?: string;
  description?: string;
  attributes?: ManifestAttribute[];
  events?: ManifestItem[];
  cssProperties?: ManifestItem[];
  cssParts?: ManifestItem[];
  slots?: ManifestItem[];
  members?: Array<ManifestItem & { kind: string; privacy?: string; static?: boolean }>;
}

interface Manifest {
  modules: Array<{ declarations?: Array<Partial<ComponentDoc> & { kind: string }> }>;
}

/** Every custom element the widgets package declares, by tag name, in tag order. */
export const COMPONENTS: ComponentDoc[] = (manifest as unknown as Manifest).modules
  .flatMap((module) => module.declarations ?? [])
  .filter((d): d is ComponentDoc & { kind: string } => typeof d.tagName === 'string')
  .sort((a, b) => a.tagName.localeCompare(b.tagName));

/** The declaration of `tagName`, if the manifest has it. */
export function componentDoc(tagName: string): ComponentDoc | undefined {
  return COMPONENTS.find((c) => c.tagName === tagName);
}

/** The literal choices of a union type such as `'24h' | '7d'`, or null for free text. */
export function literalChoices(type: string | undefined): string[] | null {
  if (!type) return null;
  const parts = type.split('|').map((p) => p.trim());
  const literals = parts.filter((p) => /^(['"]).*\1$/.test(p)).map((p) => p.slice(1, -1));
  return literals.length > 0 && literals.length === parts.filter((p) => p !== 'undefined' && p !== 'null').length
    ? literals
    : null;
}
