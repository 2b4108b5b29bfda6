"""The one blueprint every /api/v1 module adds its routes to."""
from flask import Blueprint

bp = Blueprint("api", __name__, url_prefix="/api/v1")
