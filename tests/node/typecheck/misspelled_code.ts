// Must not compile: a misspelled code.
import { message } from "flux-error-codes";

export const text = message("ERR_QR_EXPIRD", "en"); // flux-codes: allow (the misspelling under test)
