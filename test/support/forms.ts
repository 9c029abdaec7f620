// Reads a form off a page the way a browser would submit it: inputs, checked boxes, the selected
// option of each select and each textarea's text, so a test changes only the fields a person would.
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" };

export function unescapeHtml(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|#39);/g, (_, name: string) => ENTITIES[name] ?? '');
}

function attributes(tag: string): Record<string, string> {
  const found: Record<string, string> = {};
  for (const m of tag.matchAll(/([\w-]+)(?:="([^"]*)")?/g)) found[m[1]!] = unescapeHtml(m[2] ?? '');
  return found;
}

/** The fields of the form posting to `action` (the first such form on the page). */
export function formFields(page: string, action: string): Record<string, string> {
  const start = page.indexOf(`action="${action}"`);
  if (start < 0) throw new Error(`No form posts to ${action}`);
  const form = page.slice(start, page.indexOf('</form>', start));
  const fields: Record<string, string> = {};
  for (const m of form.matchAll(/<input\b([^>]*)>/g)) {
    const a = attributes(m[1]!);
    if (!a.name || (a.type === 'checkbox' && !('checked' in a))) continue;
    fields[a.name] = a.value ?? '';
  }
  for (const m of form.matchAll(/<select\b([^>]*)>([\s\S]*?)<\/select>/g)) {
    const options = [...m[2]!.matchAll(/<option\b([^>]*)>/g)].map((o) => attributes(o[1]!));
    const chosen = options.find((o) => 'selected' in o) ?? options[0];
    fields[attributes(m[1]!).name!] = chosen?.value ?? '';
  }
  for (const m of form.matchAll(/<textarea\b([^>]*)>([\s\S]*?)<\/textarea>/g)) {
    fields[attributes(m[1]!).name!] = unescapeHtml(m[2]!);
  }
  return fields;
}

/** The index of the form's stage row whose hidden key is `key`. */
export function stageIndex(fields: Record<string, string>, key: string): number {
  const name = Object.keys(fields).find((f) => /^key-\d+$/.test(f) && fields[f] === key);
  if (!name) throw new Error(`No stage '${key}' on the form`);
  return Number(name.slice(4));
}
