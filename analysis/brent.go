package analysis

import (
	"errors"
	"math"
)

// errNoBracket means a root finder was given an interval whose ends have the
// same sign.
var errNoBracket = errors.New("root is not bracketed")

// brentRoot finds x in [a, b] with f(x) = 0, given f(a) and f(b) of opposite
// signs, by Brent's method (Brent 1973, "Algorithms for Minimization without
// Derivatives", ch. 4, algorithm zero): inverse quadratic interpolation or
// secant steps, falling back to bisection so that it never does worse than
// bisection. gonum's optimize package keeps its Brent solver unexported.
// It stops when the bracket is narrower than 2·(4·eps·|x| + tol).
func brentRoot(f func(float64) float64, a, b, tol float64) (float64, error) {
	fa, fb := f(a), f(b)
	if math.IsNaN(fa) || math.IsNaN(fb) {
		return math.NaN(), errors.New("function is not defined at the bracket")
	}
	if fa == 0 {
		return a, nil
	}
	if fb == 0 {
		return b, nil
	}
	if (fa > 0) == (fb > 0) {
		return math.NaN(), errNoBracket
	}
	c, fc := a, fa
	d := b - a
	e := d
	const eps = 0x1p-52
	for iter := 0; iter < 200; iter++ {
		if (fb > 0) == (fc > 0) {
			c, fc = a, fa
			d = b - a
			e = d
		}
		if math.Abs(fc) < math.Abs(fb) {
			a, b, c = b, c, b
			fa, fb, fc = fb, fc, fb
		}
		tol1 := 2*eps*math.Abs(b) + tol/2
		m := (c - b) / 2
		if math.Abs(m) <= tol1 || fb == 0 {
			return b, nil
		}
		if math.Abs(e) >= tol1 && math.Abs(fa) > math.Abs(fb) {
			var p, q float64
			s := fb / fa
			if a == c {
				p = 2 * m * s // secant
				q = 1 - s
			} else { // inverse quadratic interpolation
				q = fa / fc
				r := fb / fc
				p = s * (2*m*q*(q-r) - (b-a)*(r-1))
				q = (q - 1) * (r - 1) * (s - 1)
			}
			if p > 0 {
				q = -q
			} else {
				p = -p
			}
			if 2*p < math.Min(3*m*q-math.Abs(tol1*q), math.Abs(e*q)) {
				e = d
				d = p / q
			} else {
				d, e = m, m
			}
		} else {
			d, e = m, m
		}
		a, fa = b, fb
		if math.Abs(d) > tol1 {
			b += d
		} else {
			b += math.Copysign(tol1, m)
		}
		fb = f(b)
		if math.IsNaN(fb) {
			return math.NaN(), errors.New("function is not defined inside the bracket")
		}
	}
	return b, errors.New("root finder did not converge")
}
