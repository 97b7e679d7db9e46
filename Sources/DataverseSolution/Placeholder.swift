// DataverseSolution
