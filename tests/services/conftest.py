import pytest

from tests.factories import build_world


@pytest.fixture
def world(app):
    return build_world()
