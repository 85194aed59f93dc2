"""pdfium functions bound for hot loops (one call per character or page object).

pypdfium2's bindings convert typed handles on every call; bound with ``c_void_p`` arguments
(handles passed as ints) and without releasing the GIL, a call costs about a third as much.
"""

from __future__ import annotations

import ctypes
import struct
from functools import lru_cache
from typing import Any

RECT = struct.Struct("4f")  # four floats as pdfium fills them (FS_RECTF: left, top, right, bottom)


class Calls:
    """The pdfium functions the PDF reader calls per character or page object."""

    def __init__(self) -> None:
        import pypdfium2.raw as raw

        def bind(func: Any, restype: Any, *argtypes: Any) -> Any:
            address = ctypes.cast(func, ctypes.c_void_p).value
            assert address is not None
            return ctypes.PYFUNCTYPE(restype, *argtypes)(address)

        ptr, int_, double = ctypes.c_void_p, ctypes.c_int, ctypes.c_double
        self.char_box = bind(raw.FPDFText_GetLooseCharBox, int_, ptr, int_, ptr)
        self.bounded_text = bind(raw.FPDFText_GetBoundedText, int_, ptr, double, double, double, double, ptr, int_)
        self.count_objects = bind(raw.FPDFPage_CountObjects, int_, ptr)
        self.get_object = bind(raw.FPDFPage_GetObject, ptr, ptr, int_)
        self.object_type = bind(raw.FPDFPageObj_GetType, int_, ptr)
        self.object_bounds = bind(raw.FPDFPageObj_GetBounds, int_, ptr, ptr, ptr, ptr, ptr)
        self.path_segments = bind(raw.FPDFPath_CountSegments, int_, ptr)
        self.draw_mode = bind(raw.FPDFPath_GetDrawMode, int_, ptr, ptr, ptr)
        self.path_type = int(raw.FPDF_PAGEOBJ_PATH)


@lru_cache(maxsize=1)
def calls() -> Calls:
    return Calls()


def address(handle: Any) -> int:
    """The plain address of a pypdfium2 object's raw handle."""
    value = ctypes.cast(handle.raw, ctypes.c_void_p).value
    return int(value or 0)
