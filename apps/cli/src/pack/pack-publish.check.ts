// The local check before `kt pack apply` and `kt pack diff` send or compare a pack: the same
// validation reporting runs (`validatePackReferences`), so `${VAR}` stays a reference. The pack runs
// on the gateways with their environment; the CLI's own environment neither decides validity nor
// may appear in a message.
import { formatIssues, validatePackReferences, type PackIdentity } from '@kt/pack';
import { EXIT_INVALID, type ValidationReport } from './pack-validate.report.js';

export type PublishCheck =
  | { readonly ok: true; readonly identity: PackIdentity }
  | { readonly ok: false; readonly report: ValidationReport };

export function checkBeforePublish(file: string, text: string): PublishCheck {
  const result = validatePackReferences(text, file);
  if (result.ok) return { ok: true, identity: result.identity };
  const count = result.errors.length;
  const header = `invalid: ${file} (${count} error${count === 1 ? '' : 's'})\n`;
  return {
    ok: false,
    report: { exitCode: EXIT_INVALID, stdout: '', stderr: `${header}${formatIssues(result.errors)}\n` },
  };
}
