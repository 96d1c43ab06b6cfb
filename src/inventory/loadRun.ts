// One load in flight: its AbortController, why it was stopped, its deadline timer, and what a
// failure within it means for a category's state.
import * as l10n from '@vscode/l10n';
import { CANCELLED_CODE, toAzureError } from '../azure';
import type { CategoryLoadState } from './state';

export type AbortKind = 'superseded' | 'deadline' | 'disposed' | 'cancelled';

export class LoadRun {
  readonly controller = new AbortController();
  reason?: AbortKind;
  private readonly timer: ReturnType<typeof setTimeout>;

  constructor(
    readonly key: string,
    private readonly deadlineMs: number,
  ) {
    this.timer = setTimeout(() => this.abort('deadline'), deadlineMs);
    this.timer.unref?.();
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** Replaced by a newer run (or disposed): it leaves no trace, the newer run owns the state. */
  get ignorable(): boolean {
    return this.reason === 'superseded' || this.reason === 'disposed';
  }

  abort(kind: AbortKind): void {
    if (this.reason) return;
    this.reason = kind;
    this.controller.abort();
  }

  finish(): void {
    clearTimeout(this.timer);
  }

  /** The state of a category whose load failed with `e` in this run. */
  failure(e: unknown): CategoryLoadState {
    if (this.reason === 'deadline') return { kind: 'failed', code: 'DeadlineExceeded', message: l10n.t('Loading took longer than {0} s and was stopped.', Math.round(this.deadlineMs / 1000)) };
    if (this.reason === 'cancelled') return { kind: 'failed', code: CANCELLED_CODE, message: l10n.t('The load was cancelled.') };
    const err = toAzureError(e);
    return { kind: 'failed', code: err.code, message: err.message };
  }

  /** The state of a category this run could not load because its parent list is not there. */
  unreachable(): CategoryLoadState {
    if (this.reason === 'deadline') return { kind: 'failed', code: 'DeadlineExceeded', message: l10n.t('The load took too long.') };
    if (this.reason === 'cancelled') return { kind: 'failed', code: CANCELLED_CODE, message: l10n.t('The load was cancelled.') };
    return { kind: 'failed', code: 'ParentNotLoaded', message: l10n.t('Its parent resources could not be listed.') };
  }
}
