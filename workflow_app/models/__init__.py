"""Tables only: one module per aggregate. Rules live in domain/ and services/."""
from .document import Document, DocumentEditor, Nominee
from .document_count import DocumentCount
from .history import GeneratedFile, WorkflowEvent
from .idempotency import IdempotencyKey
from .notification import Notification
from .organization import Organization, Unit
from .pdf_rendition import PdfPageImage, PdfRendition
from .register import NumberRegister, RegisterEntry
from .round import Round, RoundReminder
from .signing import DocumentSignature, SigningCredential
from .user import ApiToken, User, UserRole
from .verification import VerificationCode

__all__ = [
    "ApiToken", "Document", "DocumentCount", "DocumentEditor", "GeneratedFile", "IdempotencyKey", "Nominee",
    "Notification", "NumberRegister", "Organization", "PdfPageImage", "PdfRendition", "RegisterEntry", "Round",
    "RoundReminder", "Unit", "User", "UserRole", "DocumentSignature", "SigningCredential", "VerificationCode",
    "WorkflowEvent",
]
