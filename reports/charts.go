package reports

import (
	"bytes"
	"encoding/json"
	"fmt"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
	"github.com/go-echarts/go-echarts/v2/types"
)

// Chart is one picture of the report: its ECharts option (the JSON behind
// the chart, aggregates only), a one-line plain-language reading and the
// same numbers as an accessible table.
type Chart struct {
	ID      string          `json:"id"`
	Title   string          `json:"title"`
	Reading string          `json:"reading"`
	Height  int             `json:"height"` // pixels
	Option  json.RawMessage `json:"option"`
	Table   *Table          `json:"table"`
	Notes   []string        `json:"notes,omitempty"`
}

// Custom series draw with functions from report.js, named here instead of
// written into the option: the option stays pure data (no code from Go
// strings reaches the page), and report.js swaps the name for the function.
const (
	renderErrorBar = "linkki.errorBar" // data [x index, low, high]
	renderForest   = "linkki.forest"   // data [low, high, estimate, row index]
)

// rendered is what every go-echarts chart offers.
type rendered interface {
	Validate()
	JSON() map[string]any
}

// encodeOption turns a go-echarts chart into the JSON of its option.
// encoding/json escapes <, > and & as \u003c, \u003e and \u0026, so text
// from the data (a municipality named "</script>…") cannot end the
// surrounding <script> element; go-echarts' own JSONNotEscaped would let it.
func encodeOption(c rendered) (json.RawMessage, error) {
	c.Validate()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(true)
	if err := enc.Encode(c.JSON()); err != nil {
		return nil, fmt.Errorf("chart option: %w", err)
	}
	return json.RawMessage(bytes.TrimSpace(buf.Bytes())), nil
}

// series is one named data series of a category chart; a "-" value is a
// gap (a suppressed or undefined number).
type series struct {
	Name  string
	Data  []any
	Stack string
}

// common are the options every chart shares: a fixed ID (stable output),
// no animation (print and screenshots show the final picture), labels kept
// inside the canvas with room for axis names and the legend, and ECharts'
// aria description for screen readers.
func common(id string, legend, bottomName, topName bool) []charts.GlobalOpts {
	// The right margin leaves room for a value label at the longest bar.
	top, bottom := 16, 8
	if topName {
		top = 36
	}
	if bottomName {
		bottom += 28
	}
	if legend {
		bottom += 28
	}
	return []charts.GlobalOpts{
		charts.WithInitializationOpts(opts.Initialization{ChartID: id}),
		charts.WithAnimation(false),
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "axis"}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(legend), Bottom: "0"}),
		charts.WithGridOpts(opts.Grid{ContainLabel: opts.Bool(true), Left: "8", Right: "48", Top: fmt.Sprint(top), Bottom: fmt.Sprint(bottom)}),
		charts.WithAriaOpts(&opts.Aria{Enabled: opts.Bool(true)}),
	}
}

// barChart draws categories as bars; horizontal puts the categories on the
// y axis (long labels, many categories), top to bottom.
func barChart(id string, categories []string, ss []series, horizontal bool, valueAxis string) (json.RawMessage, error) {
	bar := charts.NewBar()
	named := valueAxis != ""
	g := common(id, len(ss) > 1, horizontal && named, !horizontal && named)
	catAxis := opts.XAxis{Type: "category", AxisLabel: &opts.AxisLabel{Interval: "auto"}}
	if horizontal {
		bar.XYReversal()
		g = append(g,
			charts.WithXAxisOpts(opts.XAxis{Type: "value", Name: valueAxis, NameLocation: "middle", NameGap: 28}),
			charts.WithYAxisOpts(opts.YAxis{Type: "category", Inverse: opts.Bool(true)}),
		)
	} else {
		g = append(g, charts.WithXAxisOpts(catAxis), charts.WithYAxisOpts(opts.YAxis{Type: "value", Name: valueAxis}))
	}
	bar.SetGlobalOptions(g...)
	bar.SetXAxis(categories)
	// A lone series gets its values at the bar ends, as managers read
	// numbers off the picture, unless there are too many bars for them.
	position := "top"
	if horizontal {
		position = "right"
	}
	for _, s := range ss {
		data := make([]opts.BarData, len(s.Data))
		for i, v := range s.Data {
			data[i] = opts.BarData{Value: v}
		}
		bar.AddSeries(s.Name, data, charts.WithBarChartOpts(opts.BarChart{Stack: s.Stack}),
			charts.WithLabelOpts(opts.Label{Show: opts.Bool(len(ss) == 1 && len(categories) <= 24), Position: position}))
	}
	return encodeOption(bar)
}

// sankeyLink is one flow between named nodes.
type sankeyLink struct {
	Source, Target string
	Value          float64
}

func sankeyChart(id string, nodes []string, links []sankeyLink) (json.RawMessage, error) {
	s := charts.NewSankey()
	s.SetGlobalOptions(
		charts.WithInitializationOpts(opts.Initialization{ChartID: id}),
		charts.WithAnimation(false),
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "item"}),
		charts.WithAriaOpts(&opts.Aria{Enabled: opts.Bool(true)}),
	)
	ns := make([]opts.SankeyNode, len(nodes))
	for i, n := range nodes {
		ns[i] = opts.SankeyNode{Name: n}
	}
	ls := make([]opts.SankeyLink, len(links))
	for i, l := range links {
		ls[i] = opts.SankeyLink{Source: l.Source, Target: l.Target, Value: float32(l.Value)}
	}
	s.AddSeries("", ns, ls,
		charts.WithLabelOpts(opts.Label{Show: opts.Bool(true)}),
		// Room on the right for the labels of the last column.
		charts.WithSeriesOpts(func(s *charts.SingleSeries) { s.Left, s.Right, s.Top, s.Bottom = "8", "190", "8", "8" }),
		charts.WithLineStyleOpts(opts.LineStyle{Color: "source", Opacity: opts.Float(0.35), Curveness: 0.5}),
	)
	return encodeOption(s)
}

// meansChart draws means at the time points with their intervals as error
// bars: a line of points plus a custom series [x, low, high].
func meansChart(id string, timepoints []string, mean, low, high []any, valueAxis, meanName, ciName string) (json.RawMessage, error) {
	line := charts.NewLine()
	g := append(common(id, true, false, true),
		charts.WithXAxisOpts(opts.XAxis{Type: "category"}),
		charts.WithYAxisOpts(opts.YAxis{Type: "value", Name: valueAxis, Scale: opts.Bool(true)}),
	)
	line.SetGlobalOptions(g...)
	line.SetXAxis(timepoints)
	points := make([]opts.LineData, len(mean))
	for i, v := range mean {
		points[i] = opts.LineData{Value: v}
	}
	line.AddSeries(meanName, points, charts.WithLineChartOpts(opts.LineChart{Symbol: "circle", SymbolSize: 10}))
	bars := charts.NewCustom()
	data := make([]opts.CustomData, len(timepoints))
	for i := range timepoints {
		data[i] = opts.CustomData{Value: []any{i, low[i], high[i]}}
	}
	bars.AddSeries(ciName, data,
		charts.WithCustomChartOpts(opts.CustomChart{RenderItem: types.FuncStr(renderErrorBar)}),
		charts.WithEncodeOpts(opts.Encode{X: 0, Y: []int{1, 2}}),
	)
	line.Overlap(bars)
	return encodeOption(line)
}

// forestRow is one estimate with its interval; nil values draw nothing.
type forestRow struct {
	Label          string
	Est, Low, High *float64
}

// forestChart draws one or more series of estimates with intervals on rows
// (a forest plot), with a line at zero. Rows are shared by all series.
func forestChart(id string, rows []string, names []string, data [][]forestRow, valueAxis string) (json.RawMessage, error) {
	c := charts.NewCustom()
	g := append(common(id, len(names) > 1, true, false),
		charts.WithXAxisOpts(opts.XAxis{Type: "value", Name: valueAxis, NameLocation: "middle", NameGap: 28}),
		charts.WithYAxisOpts(opts.YAxis{Type: "category", Data: rows, Inverse: opts.Bool(true)}),
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "item"}),
	)
	c.SetGlobalOptions(g...)
	for s, name := range names {
		var points []opts.CustomData
		for i, r := range data[s] {
			if r.Est == nil || r.Low == nil || r.High == nil {
				continue
			}
			// The 4th value offsets series vertically so that two series
			// on the same row do not overlap.
			points = append(points, opts.CustomData{Name: r.Label, Value: []any{*r.Low, *r.High, *r.Est, i, s, len(names)}})
		}
		opt := []charts.SeriesOpts{
			charts.WithCustomChartOpts(opts.CustomChart{RenderItem: types.FuncStr(renderForest)}),
			charts.WithEncodeOpts(opts.Encode{X: []int{0, 1, 2}, Y: 3, Tooltip: []int{2, 0, 1}}),
		}
		if s == 0 {
			opt = append(opt, charts.WithMarkLineNameXAxisItemOpts(opts.MarkLineNameXAxisItem{XAxis: 0}),
				charts.WithMarkLineStyleOpts(opts.MarkLineStyle{Symbol: []string{"none", "none"}, Label: &opts.Label{Show: opts.Bool(false)}}))
		}
		c.AddSeries(name, points, opt...)
	}
	return encodeOption(c)
}
