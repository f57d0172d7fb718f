// Must not compile: a misspelled code in a switch over ErrorCode.
import type { ErrorCode } from "flux-error-codes";

export function isExpired(code: ErrorCode): boolean {
  switch (code) {
    case "ERR_QR_EXPIRD": // flux-codes: allow (the misspelling under test)
      return true;
    default:
      return false;
  }
}
