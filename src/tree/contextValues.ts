// Context values of explorer nodes: package.json menus match on them (`viewItem == ...`), so
// they are constants in one place. A node may carry several, joined by spaces; menus then use
// regular expressions such as `viewItem =~ /\bazureResource\b/`.
export const ContextValue = {
  subscription: 'subscription',
  category: 'category',
  region: 'region',
  managedImage: 'managedImage',
  snapshot: 'snapshot',
  imageSource: 'imageSource',
  gallery: 'gallery',
  galleryImageDefinition: 'galleryImageDefinition',
  galleryImageVersion: 'galleryImageVersion',
  batchAccount: 'batchAccount',
  pool: 'pool',
  poolImage: 'poolImage',
  loadError: 'loadError',
  /** The "N pools on retired images" node at the top. */
  migrationReport: 'migrationReport',
  /** Any node that stands for an Azure resource with an ARM id (copy id, portal, properties). */
  azureResource: 'azureResource',
  /** A resource that still exists (a deleted image source has no portal page or properties). */
  present: 'present',
} as const;

export function contextValue(...values: string[]): string {
  return values.join(' ');
}
