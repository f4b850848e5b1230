def __eq__(self, other: object) -> bool:
    if not isinstance(other, Coordinate):
        return NotImplemented
    return (round(self.lat, 6), round(self.lon, 6)) == (round(other.lat, 6), round(other.lon, 6))

def __hash__(self) -> int:
    # Must agree with __eq__, so hash the same rounded values.
    return hash((round(self.lat, 6), round(self.lon, 6)))
