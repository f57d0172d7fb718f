// Must not compile: ERR_QR_EXPIRED has no detail.
import { detail } from "flux-error-codes";

export const text = detail("ERR_QR_EXPIRED", "en", {});
