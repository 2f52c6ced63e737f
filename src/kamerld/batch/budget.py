"""What one input may cost a build (`runner` enforces it): its own module, so the command line can
show the defaults without loading the worker machinery (multiprocessing)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Budget:
    """What one input may cost: seconds of a worker's time, and the worker's resident memory."""

    seconds: float = 120.0
    memory: int = 1024 * 2**20

    def describe(self) -> str:
        return f"{self.seconds:g} s and {self.memory // 2**20} MiB per input"


__all__ = ["Budget"]
