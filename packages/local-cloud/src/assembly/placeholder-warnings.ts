import type { SupportWarning } from './support-warning';

/** A placeholder given for a reference the local cloud cannot resolve. */
export interface GivenPlaceholder {
  /** The resource's logical id, or the parameter's, export's or intrinsic's name. */
  readonly logicalId: string;
  /** The resource type, or `Parameter`, `Export` or `Intrinsic`. */
  readonly type: string;
  /** The reference as the template writes it, such as `Fn::GetAtt Bucket.Arn`. */
  readonly reference: string;
  readonly location: string;
  readonly placeholder: string;
  /** Why it has no value, such as `is not emulated`. */
  readonly why: string;
}

/** The warnings of the placeholders given, one per reference and location. */
export class PlaceholderWarnings {
  private readonly warnings = new Map<string, SupportWarning>();

  add(given: GivenPlaceholder): void {
    const { logicalId, type, reference, location, placeholder, why } = given;
    const key = `${reference} ${location}`;
    if (this.warnings.has(key)) return;
    const what = /^(Parameter|Export|Intrinsic)$/.test(type) ? `${type.toLowerCase()} ${logicalId}` : type;
    this.warnings.set(key, {
      logicalId,
      type,
      location,
      placeholder,
      message: `${reference} in ${location}: ${what} ${why}; placeholder ${placeholder}`,
    });
  }

  all(): SupportWarning[] {
    return [...this.warnings.values()];
  }
}
