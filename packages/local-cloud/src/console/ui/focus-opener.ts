/**
 * The element to give the focus back to when a panel closes: the one focused as it opened (the
 * timeline's canvas, a link), unless that is inside the panel itself (a link to another attempt
 * keeps the first opener) or nothing (the page's body).
 */
export function openerOf(
  active: Element | null,
  panel: Pick<Element, 'contains'> | null,
  body: Element | null,
): Element | undefined {
  if (active === null || active === body || panel?.contains(active)) return undefined;
  return active;
}
