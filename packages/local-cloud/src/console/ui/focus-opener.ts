/**
 * The element to give the focus back to when a panel closes: the one focused as it opened (the
 * timeline's canvas, a link), unless that is inside the panel itself (a link to another attempt
 * keeps the first opener) or nothing (the page's body). Generic over the element type, so it is
 * tested without a DOM.
 */
export function openerOf<Node>(
  active: Node | null,
  panel: { contains(other: Node): boolean } | null,
  body: Node | null,
): Node | undefined {
  if (active === null || active === body || panel?.contains(active)) return undefined;
  return active;
}
