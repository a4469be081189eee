package fakegraph

import (
	"fmt"
	"regexp"
	"strings"
)

// An OData expression ($filter, and each $orderby item) parsed only as far
// as the metadata check needs: every member path is resolved against the
// addressed type, through casts, lambdas (any/all with range variables),
// $count and complex properties; literals and operators are checked for
// syntax, not for type.

type exprTokenKind int

const (
	tokEOF exprTokenKind = iota
	tokIdent
	tokLiteral
	tokOpen
	tokClose
	tokComma
	tokColon
	tokSlash
)

type exprToken struct {
	kind exprTokenKind
	text string
	pos  int
}

var (
	guidLiteral     = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}`)
	dateTimeLiteral = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?`)
	timeLiteral     = regexp.MustCompile(`^\d{2}:\d{2}(:\d{2}(\.\d+)?)?`)
	numberLiteral   = regexp.MustCompile(`^-?\d+(\.\d+)?([eE][+-]?\d+)?[mMdDfFlL]?`)
	identifier      = regexp.MustCompile(`^[A-Za-z_$@][A-Za-z0-9_.$]*`)
)

// exprError is a bad expression: a message without the option's prefix.
type exprError struct{ message string }

func (e *exprError) Error() string { return e.message }

func syntaxError(pos int, text string) *exprError {
	return &exprError{fmt.Sprintf("Syntax error at position %d in '%s'.", pos, text)}
}

func noSuchProperty(name string, t *edmType) *exprError {
	return &exprError{fmt.Sprintf("Could not find a property named '%s' on type '%s'.", name, t.name)}
}

// tokenize splits an expression into tokens.
func tokenize(s string) ([]exprToken, *exprError) {
	var out []exprToken
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == ' ' || c == '\t':
			i++
			continue
		case strings.IndexByte("(),:/", c) >= 0:
			kind := map[byte]exprTokenKind{'(': tokOpen, ')': tokClose, ',': tokComma, ':': tokColon, '/': tokSlash}[c]
			out = append(out, exprToken{kind, string(c), i})
			i++
			continue
		case c == '\'':
			end, ok := stringEnd(s, i)
			if !ok {
				return nil, syntaxError(i, s)
			}
			out = append(out, exprToken{tokLiteral, s[i:end], i})
			i = end
			continue
		}
		rest := s[i:]
		// Literals that start like identifiers or numbers come first: a
		// GUID may start with a letter, a date with digits and dashes.
		for _, lit := range []*regexp.Regexp{guidLiteral, dateTimeLiteral, timeLiteral, numberLiteral} {
			if m := lit.FindString(rest); m != "" && (len(m) == len(rest) || !isIdentByte(rest[len(m)])) {
				out = append(out, exprToken{tokLiteral, m, i})
				i += len(m)
				goto next
			}
		}
		if m := identifier.FindString(rest); m != "" {
			if len(m) < len(rest) && rest[len(m)] == '\'' { // typed literal: duration'P1D', enum type'value'
				end, ok := stringEnd(s, i+len(m))
				if !ok {
					return nil, syntaxError(i, s)
				}
				out = append(out, exprToken{tokLiteral, s[i:end], i})
				i = end
				goto next
			}
			out = append(out, exprToken{tokIdent, m, i})
			i += len(m)
			goto next
		}
		return nil, syntaxError(i, s)
	next:
	}
	return append(out, exprToken{tokEOF, "", len(s)}), nil
}

func isIdentByte(c byte) bool {
	return c == '_' || c == '.' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

// stringEnd returns the index after the quoted string starting at s[i]
// (two quotes in a row are an escaped quote).
func stringEnd(s string, i int) (int, bool) {
	for j := i + 1; j < len(s); j++ {
		if s[j] != '\'' {
			continue
		}
		if j+1 < len(s) && s[j+1] == '\'' {
			j++
			continue
		}
		return j + 1, true
	}
	return 0, false
}

// exprParser is a recursive-descent parser over OData's expression grammar,
// resolving member paths as it goes.
type exprParser struct {
	m    *edmModel
	text string
	toks []exprToken
	at   int
	it   edmTarget            // the element the expression is about ($it)
	vars map[string]edmTarget // lambda range variables in scope
}

// checkExpression parses text (a $filter, or one $orderby item without its
// direction) about a value of type it.
func (m *edmModel) checkExpression(it edmTarget, text string) *exprError {
	toks, err := tokenize(text)
	if err != nil {
		return err
	}
	p := &exprParser{m: m, text: text, toks: toks, it: it, vars: make(map[string]edmTarget)}
	if err := p.parseOr(); err != nil {
		return err
	}
	if p.peek().kind != tokEOF {
		return syntaxError(p.peek().pos, text)
	}
	return nil
}

func (p *exprParser) peek() exprToken { return p.toks[p.at] }
func (p *exprParser) next() exprToken {
	t := p.toks[p.at]
	if t.kind != tokEOF {
		p.at++
	}
	return t
}

func (p *exprParser) isKeyword(words ...string) bool {
	t := p.peek()
	if t.kind != tokIdent {
		return false
	}
	for _, w := range words {
		if strings.EqualFold(t.text, w) { // Graph resolves keywords and functions case-insensitively
			return true
		}
	}
	return false
}

func (p *exprParser) expect(kind exprTokenKind) *exprError {
	if t := p.next(); t.kind != kind {
		return syntaxError(t.pos, p.text)
	}
	return nil
}

func (p *exprParser) parseOr() *exprError {
	return p.parseBinary(p.parseAnd, "or")
}

func (p *exprParser) parseAnd() *exprError {
	return p.parseBinary(p.parseNot, "and")
}

func (p *exprParser) parseBinary(operand func() *exprError, ops ...string) *exprError {
	if err := operand(); err != nil {
		return err
	}
	for p.isKeyword(ops...) {
		p.next()
		if err := operand(); err != nil {
			return err
		}
	}
	return nil
}

func (p *exprParser) parseNot() *exprError {
	if p.isKeyword("not") {
		p.next()
		return p.parseNot()
	}
	return p.parseComparison()
}

func (p *exprParser) parseComparison() *exprError {
	if err := p.parseAdditive(); err != nil {
		return err
	}
	if p.isKeyword("eq", "ne", "gt", "ge", "lt", "le", "has", "in") {
		p.next()
		return p.parseAdditive()
	}
	return nil
}

func (p *exprParser) parseAdditive() *exprError {
	return p.parseBinary(p.parseMultiplicative, "add", "sub")
}

func (p *exprParser) parseMultiplicative() *exprError {
	return p.parseBinary(p.parsePrimary, "mul", "div", "divby", "mod")
}

// expressionFunctions are OData's built-in functions.
var expressionFunctions = map[string]bool{
	"contains": true, "endswith": true, "startswith": true, "length": true, "indexof": true,
	"substring": true, "tolower": true, "toupper": true, "trim": true, "concat": true,
	"matchespattern": true, "year": true, "month": true, "day": true, "hour": true,
	"minute": true, "second": true, "fractionalseconds": true, "totalseconds": true,
	"date": true, "time": true, "totaloffsetminutes": true, "mindatetime": true,
	"maxdatetime": true, "now": true, "round": true, "floor": true, "ceiling": true,
	"isof": true, "cast": true, "hassubset": true, "hassubsequence": true,
}

func (p *exprParser) parsePrimary() *exprError {
	t := p.next()
	switch t.kind {
	case tokLiteral:
		return nil
	case tokOpen: // a parenthesised expression, or a list for "in"
		for {
			if err := p.parseOr(); err != nil {
				return err
			}
			if p.peek().kind != tokComma {
				break
			}
			p.next()
		}
		return p.expect(tokClose)
	case tokIdent:
	default:
		return syntaxError(t.pos, p.text)
	}
	switch strings.ToLower(t.text) {
	case "true", "false", "null", "inf", "nan":
		return nil
	}
	if p.peek().kind == tokOpen {
		return p.parseFunctionCall(t)
	}
	return p.parseMemberPath(t)
}

// parseFunctionCall reads name(args). isof and cast take a type name.
func (p *exprParser) parseFunctionCall(name exprToken) *exprError {
	fn := strings.ToLower(name.text)
	if !expressionFunctions[fn] {
		return &exprError{fmt.Sprintf("An unknown function with name '%s' was found. This may also be a function import or a key lookup on a navigation property, which is not allowed.", name.text)}
	}
	p.next() // (
	if p.peek().kind == tokClose {
		p.next()
		return nil
	}
	for {
		if err := p.parseArgument(fn == "isof" || fn == "cast"); err != nil {
			return err
		}
		if p.peek().kind != tokComma {
			break
		}
		p.next()
	}
	return p.expect(tokClose)
}

func (p *exprParser) parseArgument(typeAllowed bool) *exprError {
	if t := p.peek(); typeAllowed && t.kind == tokIdent && strings.Contains(t.text, ".") &&
		(p.m.structured(t.text) != nil || p.m.enums[strings.ToLower(t.text)] || strings.HasPrefix(t.text, "Edm.")) {
		p.next()
		return nil
	}
	return p.parseOr()
}

// parseMemberPath resolves first/seg/seg… from $it or a range variable.
func (p *exprParser) parseMemberPath(first exprToken) *exprError {
	cur := p.it
	seg := first
	if v, ok := p.vars[first.text]; ok {
		cur = v
		if p.peek().kind != tokSlash {
			return nil
		}
		p.next()
		seg = p.next()
	} else if first.text == "$it" || first.text == "$this" {
		if p.peek().kind != tokSlash {
			return nil
		}
		p.next()
		seg = p.next()
	}
	for {
		if seg.kind != tokIdent {
			return syntaxError(seg.pos, p.text)
		}
		var done bool
		var err *exprError
		cur, done, err = p.memberSegment(cur, seg)
		if err != nil || done {
			return err
		}
		if p.peek().kind != tokSlash {
			return nil
		}
		p.next()
		seg = p.next()
	}
}

// memberSegment applies one path segment to cur. done is true when the
// segment ends the path ($count, a lambda).
func (p *exprParser) memberSegment(cur edmTarget, seg exprToken) (edmTarget, bool, *exprError) {
	name := seg.text
	switch {
	case name == "$count":
		if !cur.collection {
			return cur, true, &exprError{"The $count segment applies to collections only."}
		}
		return cur, true, nil
	case (name == "any" || name == "all") && cur.collection && p.peek().kind == tokOpen:
		return cur, true, p.parseLambda(cur, name)
	}
	if cur.typ == nil || cur.collection {
		return cur, false, &exprError{fmt.Sprintf("The parent value for a property access of a property '%s' is not a single value. Property access can only be applied to a single value.", name)}
	}
	if strings.Contains(name, ".") {
		cast := p.m.structured(name)
		if cast == nil {
			return cur, false, &exprError{fmt.Sprintf("The type '%s' is not defined in the model.", name)}
		}
		next, ok := p.m.castSegment(cur, cast)
		if !ok {
			return cur, false, &exprError{fmt.Sprintf("Encountered invalid type cast. '%s' is not assignable from '%s'.", cast.name, cur.typ.name)}
		}
		return next, false, nil
	}
	prop := lenientProperty(cur.typ, name)
	if prop == nil {
		return cur, false, noSuchProperty(name, cur.typ)
	}
	return p.m.valueTarget(prop.typeName, prop.collection), false, nil
}

// parseLambda reads any(v:expr), all(v:expr) or any() over the collection
// cur.
func (p *exprParser) parseLambda(cur edmTarget, name string) *exprError {
	p.next() // (
	if p.peek().kind == tokClose && name == "any" {
		p.next()
		return nil
	}
	v := p.next()
	if v.kind != tokIdent || strings.Contains(v.text, ".") {
		return syntaxError(v.pos, p.text)
	}
	if err := p.expect(tokColon); err != nil {
		return err
	}
	element := cur
	element.collection = false
	outer, shadowed := p.vars[v.text]
	p.vars[v.text] = element
	err := p.parseOr()
	if shadowed {
		p.vars[v.text] = outer
	} else {
		delete(p.vars, v.text)
	}
	if err != nil {
		return err
	}
	return p.expect(tokClose)
}

// polymorphicTypes are types whose collections Graph reads with the
// properties of each item's own type: the members and owners lists are
// directoryObjects, and Microsoft's examples select userPrincipalName and
// appId on them side by side (graph-reference-3 §1.2; the type is open).
var polymorphicTypes = map[string]bool{"microsoft.graph.directoryObject": true}

// lenientProperty finds a property of t, or, on a polymorphic type, of a
// type derived from it.
func lenientProperty(t *edmType, name string) *edmProperty {
	if prop := t.property(name); prop != nil {
		return prop
	}
	if polymorphicTypes[t.name] {
		return t.derivedProperty(name)
	}
	return nil
}
