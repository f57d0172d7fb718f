"""A gRPC client no one here wrote reads the example service's rich errors.

Python's grpcio calls examples/payments_grpc (its stubs compiled from payments.proto with
grpcio-tools, as any Python client would), and grpcio-status's `rpc_status.from_call` with
googleapis-common-protos' google.rpc types decodes each failed call's details: ErrorInfo,
LocalizedMessage (in the language of the call's `accept-language` metadata) and RetryInfo.

Usage: python test_payments_client.py HOST:PORT   (scripts/test.sh starts the service and runs
this with the venv of scripts/requirements-grpc.txt)
"""

import atexit
import importlib
import os
import shutil
import sys
import tempfile
import unittest

import grpc
from google.rpc import error_details_pb2
from grpc_status import rpc_status
from grpc_tools import protoc

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
PROTO_DIR = os.path.join(ROOT, "examples", "payments_grpc")
TARGET = None  # HOST:PORT, from the command line


def compile_stubs():
    """payments_pb2 and payments_pb2_grpc, compiled from the service's proto into a temp dir."""
    out = tempfile.mkdtemp(prefix="flux-grpc-stubs-")
    atexit.register(shutil.rmtree, out, ignore_errors=True)
    include = os.path.join(os.path.dirname(protoc.__file__), "_proto")
    status = protoc.main(
        [
            "grpc_tools.protoc",
            f"-I{PROTO_DIR}",
            f"-I{include}",
            f"--python_out={out}",
            f"--grpc_python_out={out}",
            "payments.proto",
        ]
    )
    if status != 0:
        raise RuntimeError(f"protoc failed on {PROTO_DIR}/payments.proto ({status})")
    sys.path.insert(0, out)
    return importlib.import_module("payments_pb2"), importlib.import_module("payments_pb2_grpc")


pb2, pb2_grpc = compile_stubs()


def details(status):
    """The google.rpc details of a google.rpc.Status, by type: {type name: [message, ...]}."""
    kinds = {
        "ErrorInfo": error_details_pb2.ErrorInfo,
        "LocalizedMessage": error_details_pb2.LocalizedMessage,
        "RetryInfo": error_details_pb2.RetryInfo,
        "Help": error_details_pb2.Help,
    }
    found = {}
    for any_detail in status.details:
        for name, kind in kinds.items():
            if any_detail.Is(kind.DESCRIPTOR):
                message = kind()
                any_detail.Unpack(message)
                found.setdefault(name, []).append(message)
    return found


class PaymentsClient(unittest.TestCase):
    def setUp(self):
        self.channel = grpc.insecure_channel(TARGET)
        grpc.channel_ready_future(self.channel).result(timeout=10)
        self.payments = pb2_grpc.PaymentsStub(self.channel)

    def tearDown(self):
        self.channel.close()

    def fail_call(self, request, metadata=()):
        """The failed call's RpcError and its google.rpc.Status (from grpc-status-details-bin)."""
        with self.assertRaises(grpc.RpcError) as raised:
            self.payments.Pay(request, metadata=metadata, timeout=10)
        error = raised.exception
        status = rpc_status.from_call(error)
        self.assertIsNotNone(status, "the error carries a google.rpc.Status")
        self.assertEqual(status.code, error.code().value[0])
        self.assertEqual(status.message, error.details())
        return error, status

    def test_a_payment_goes_through(self):
        payment = self.payments.Pay(
            pb2.PayRequest(qr="qr_coffee_shop", amount=1250, reference="ref_1"),
            metadata=[("accept-language", "es")],
            timeout=10,
        )
        self.assertEqual(payment.id, "pay_ref_1")
        self.assertEqual(payment.locale, "es")

    def test_error_info_and_a_spanish_localized_message(self):
        request = pb2.PayRequest(qr="qr_coffee_shop", amount=100_000, reference="ref_2")
        error, status = self.fail_call(request, metadata=[("accept-language", "es-CL,es;q=0.9")])
        self.assertEqual(error.code(), grpc.StatusCode.FAILED_PRECONDITION)
        # The status message stays in English (the default locale) for logs.
        self.assertEqual(
            status.message,
            "The payment amount is above the maximum allowed. "
            "The maximum amount for this payment is 500.00.",
        )
        found = details(status)
        [info] = found["ErrorInfo"]
        self.assertEqual(info.reason, "ERR_MAX_AMOUNT_EXCEEDED")  # flux-codes: allow
        self.assertEqual(info.domain, "flux.example")
        self.assertEqual(dict(info.metadata), {"max_amount": "500.00"})
        [localized] = found["LocalizedMessage"]
        self.assertEqual(localized.locale, "es")
        self.assertEqual(
            localized.message,
            "El monto del pago supera el máximo permitido. "
            "El monto máximo para este pago es 500,00.",
        )
        self.assertNotIn("RetryInfo", found, "the code is not retryable")
        [help_] = found["Help"]
        self.assertEqual(
            help_.links[0].url, "https://docs.flux.example/errors#ERR_MAX_AMOUNT_EXCEEDED"  # flux-codes: allow
        )

    def test_without_accept_language_the_message_is_english(self):
        _, status = self.fail_call(pb2.PayRequest(qr="qr_expired", amount=100, reference="r"))
        found = details(status)
        self.assertEqual(found["ErrorInfo"][0].reason, "ERR_QR_EXPIRED")  # flux-codes: allow
        [localized] = found["LocalizedMessage"]
        self.assertEqual((localized.locale, localized.message), ("en", status.message))

    def test_retry_info_of_a_retryable_code(self):
        request = pb2.PayRequest(qr="qr_issuer_timeout", amount=100, reference="ref_3")
        error, status = self.fail_call(request, metadata=[("accept-language", "es")])
        found = details(status)
        self.assertEqual(found["ErrorInfo"][0].reason, "ERR_NETWORK_TIMEOUT")  # flux-codes: allow
        [retry] = found["RetryInfo"]
        self.assertEqual((retry.retry_delay.seconds, retry.retry_delay.nanos), (2, 0))
        [localized] = found["LocalizedMessage"]
        self.assertEqual(localized.locale, "es")
        self.assertTrue(
            localized.message.startswith("Se agotó el tiempo de espera de la solicitud."),
            localized.message,
        )
        self.assertEqual(error.code(), grpc.StatusCode.DEADLINE_EXCEEDED)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    TARGET = sys.argv.pop(1)
    unittest.main(verbosity=2)
