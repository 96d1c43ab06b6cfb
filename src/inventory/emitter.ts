// A tiny event emitter with VS Code's shape (`event(listener) -> { dispose }`) but no dependency
// on `vscode`, so the inventory runs in the CLI and in plain-Node tests. A throwing listener
// cannot break the others or the loader.

export interface Disposable {
  dispose(): void;
}

export type Event<T> = (listener: (value: T) => void) => Disposable;

export class Emitter<T> implements Disposable {
  private listeners = new Set<(value: T) => void>();
  private disposed = false;

  /** `onListenerError` receives what a listener throws (default: written to stderr, never rethrown). */
  constructor(private readonly onListenerError: (error: unknown) => void = (e) => console.error('Inventory change listener failed:', e)) {}

  readonly event: Event<T> = (listener) => {
    if (this.disposed) return { dispose: () => undefined };
    // Wrap so the same function can subscribe twice and dispose each subscription separately.
    const entry = (value: T): void => listener(value);
    this.listeners.add(entry);
    return { dispose: () => this.listeners.delete(entry) };
  };

  fire(value: T): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(value);
      } catch (e) {
        // Listeners belong to views; a bug there must not stop the inventory from loading
        // (nor crash the CLI with an uncaught exception).
        this.onListenerError(e);
      }
    }
  }

  get listenerCount(): number {
    return this.listeners.size;
  }

  dispose(): void {
    this.disposed = true;
    this.listeners.clear();
  }
}
