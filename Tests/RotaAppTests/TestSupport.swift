// Fixtures, paths and real readers shared by every test target (Tests/RotaTestSupport).
@_exported import RotaTestSupport
