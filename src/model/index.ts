// Public surface of the model: plain types and pure helpers, no vscode, no @azure/*.
export * from './armId';
export * from './azureNames';
export * from './imageId';
export * from './region';
export * from './subscription';
export * from './compute';
export * from './gallery';
export * from './securityType';
export * from './batch';
export * from './poolSpec';
export * from './version';
export * from './inventory';
export * from './inventoryFile';
