// Azure returns regions as display names ("East US") in some payloads and as programmatic
// names ("eastus") in others; all comparisons use the programmatic form.

/** `East US` → `eastus`, `westeurope` → `westeurope`. */
export function normalizeRegion(region: string | undefined): string {
  if (!region) return '';
  return region.toLowerCase().replace(/[\s_-]+/g, '');
}

export function sameRegion(a: string | undefined, b: string | undefined): boolean {
  if (!a || !b) return false;
  return normalizeRegion(a) === normalizeRegion(b);
}
