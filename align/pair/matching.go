package pair

import "math"

// maxWeightMatching returns the one-to-one matching of rows to columns with
// the largest total weight, leaving a row or column unmatched when no
// positive-weight partner helps; match[r] is r's column or -1. w[r][c] <= 0
// means "not a candidate". It is the Hungarian algorithm (Kuhn–Munkres with
// potentials, O(n³)), run on the square matrix padded with zero-weight
// "unmatched" partners.
func maxWeightMatching(w [][]float64) (match []int, total float64) {
	rows := len(w)
	if rows == 0 {
		return nil, 0
	}
	cols := len(w[0])
	n := rows + cols
	// cost[i][j], 1-based, minimised: -weight for real edges, 0 for a
	// dummy partner, +inf for a forbidden real pair.
	inf := math.Inf(1)
	cost := func(i, j int) float64 {
		if i <= rows && j <= cols {
			if x := w[i-1][j-1]; x > 0 {
				return -x
			}
			return inf
		}
		return 0
	}
	u := make([]float64, n+1)
	v := make([]float64, n+1)
	p := make([]int, n+1) // p[j] = row matched to column j
	way := make([]int, n+1)
	minv := make([]float64, n+1)
	used := make([]bool, n+1)
	for i := 1; i <= n; i++ {
		p[0] = i
		j0 := 0
		for j := range minv {
			minv[j] = inf
			used[j] = false
		}
		for {
			used[j0] = true
			i0, delta, j1 := p[j0], inf, 0
			for j := 1; j <= n; j++ {
				if used[j] {
					continue
				}
				if cur := cost(i0, j) - u[i0] - v[j]; cur < minv[j] {
					minv[j], way[j] = cur, j0
				}
				if minv[j] < delta {
					delta, j1 = minv[j], j
				}
			}
			for j := 0; j <= n; j++ {
				if used[j] {
					u[p[j]] += delta
					v[j] -= delta
				} else {
					minv[j] -= delta
				}
			}
			j0 = j1
			if p[j0] == 0 {
				break
			}
		}
		for j0 != 0 {
			j1 := way[j0]
			p[j0] = p[j1]
			j0 = j1
		}
	}
	match = make([]int, rows)
	for i := range match {
		match[i] = -1
	}
	for j := 1; j <= cols; j++ {
		if i := p[j]; i >= 1 && i <= rows && w[i-1][j-1] > 0 {
			match[i-1] = j - 1
			total += w[i-1][j-1]
		}
	}
	return match, total
}
