/**
 * A widget attribute whose value cannot be used. `fatal` problems make the widget useless (it
 * shows them as its error state); the others are worked around (a default is used instead).
 */
export interface AttributeProblem {
  /** The attribute's name, e.g. `time-zone`. */
  attribute: string;
  /** The value as given. */
  value: string;
  /** What is wrong and what would be right. */
  message: string;
  /** Whether the widget cannot show anything useful with this value. */
  fatal: boolean;
}

const warned = new WeakMap<Element, Set<string>>();

/**
 * Logs one console warning per element, attribute and value, naming all three:
 * `<ct-usage-chart> time-zone="Sydney": 'Sydney' is not an IANA time zone ...`.
 */
export function warnOnce(element: Element, problem: AttributeProblem): void {
  const key = `${problem.attribute}=${problem.value}`;
  let seen = warned.get(element);
  if (!seen) {
    seen = new Set();
    warned.set(element, seen);
  }
  if (seen.has(key)) return;
  seen.add(key);
  console.warn(`${describeProblem(element, problem)}${problem.fatal ? '' : ' (ignored)'}`);
}

/** `<ct-usage-chart> time-zone="Sydney": message`: the text of the warning and the error state. */
export function describeProblem(element: Element, problem: AttributeProblem): string {
  return `<${element.localName}> ${problem.attribute}="${problem.value}": ${problem.message}`;
}

/** A problem, for the attribute checks of the widgets. */
export function problem(attribute: string, value: unknown, message: string, fatal = false): AttributeProblem {
  return { attribute, value: String(value), message, fatal };
}
