// Package sorted holds operations on sorted slices of ids.
package sorted

// Intersect calls fn for every element of both sorted slices.
func Intersect[T int32 | uint32 | uint64](x, y []T, fn func(T)) {
	for len(x) > 0 && len(y) > 0 {
		switch {
		case x[0] < y[0]:
			x = x[1:]
		case x[0] > y[0]:
			y = y[1:]
		default:
			fn(x[0])
			x, y = x[1:], y[1:]
		}
	}
}
