package fakegraph

import (
	"bytes"
	"compress/gzip"
	_ "embed" // the vendored CSDL
	"fmt"
	"io"
	"strings"
	"sync"
)

// graphMetadataGz is Microsoft's Graph v1.0 CSDL (see
// testdata/msgraph-metadata/README.md for its source commit and licence).
//
//go:embed testdata/msgraph-metadata/cleanMetadata-v1.0.xml.gz
var graphMetadataGz []byte

// edmModel is the part of the CSDL the metadata check needs: structured
// types with their properties and base types, the entity container's roots,
// and bound and unbound functions. Names are looked up case-insensitively,
// as Graph resolves them.
type edmModel struct {
	types     map[string]*edmType // by lower-case full name (microsoft.graph.user)
	enums     map[string]bool     // lower-case full names of enum types
	roots     map[string]*edmRoot // entity sets, singletons and function imports, by lower-case name
	functions map[string][]*edmFunction
}

// edmType is an entity or complex type.
type edmType struct {
	name     string // full name, e.g. microsoft.graph.user
	entity   bool
	baseName string
	base     *edmType
	derived  []*edmType // direct subtypes
	props    map[string]*edmProperty
	// altKeys are the alternate keys (Org.OData.Core.V1.AlternateKeys),
	// each a list of key aliases, e.g. [[appId] [uniqueName]].
	altKeys [][]string
}

// edmProperty is a structural or navigation property.
type edmProperty struct {
	name       string
	typeName   string // full name of the (element) type, e.g. Edm.String, microsoft.graph.assignedLicense
	collection bool
	nav        bool
}

// edmRoot is a first segment: an entity set (a collection), a singleton,
// or a function import.
type edmRoot struct {
	name       string
	typeName   string
	collection bool
	function   string // lower-case full function name of a function import
}

// edmFunction is one overload of a function. Bound functions are keyed in
// edmModel.functions by their short lower-case name.
type edmFunction struct {
	name              string // short name
	bound             bool
	bindingType       string // full name of the binding parameter's (element) type
	bindingCollection bool
	params            []edmParameter // without the binding parameter
	returnType        string
	returnCollection  bool
}

type edmParameter struct {
	name     string
	nullable bool
}

var (
	graphModelOnce sync.Once
	graphModel     *edmModel
	errGraphModel  error
)

// loadGraphModel parses the embedded CSDL once per process.
func loadGraphModel() (*edmModel, error) {
	graphModelOnce.Do(func() {
		graphModel, errGraphModel = parseCSDL(graphMetadataGz)
	})
	return graphModel, errGraphModel
}

// mustGraphModel is loadGraphModel for callers that cannot go on without it:
// the embedded file is part of the build, so an error is a broken build.
func mustGraphModel() *edmModel {
	m, err := loadGraphModel()
	if err != nil {
		panic("fakegraph: " + err.Error())
	}
	return m
}

// parseCSDL reads a gzip-compressed CSDL document.
func parseCSDL(gz []byte) (*edmModel, error) {
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		return nil, fmt.Errorf("graph metadata: %w", err)
	}
	p := &csdlParser{
		model: &edmModel{
			types:     make(map[string]*edmType),
			enums:     make(map[string]bool),
			roots:     make(map[string]*edmRoot),
			functions: make(map[string][]*edmFunction),
		},
		aliases: make(map[string]string),
	}
	if err := p.read(zr); err != nil {
		return nil, fmt.Errorf("graph metadata: %w", err)
	}
	if err := p.link(); err != nil {
		return nil, fmt.Errorf("graph metadata: %w", err)
	}
	return p.model, nil
}

// csdlParser walks the CSDL as a token stream (a struct tree of the 3.5 MB
// document would cost more and tell us no more).
type csdlParser struct {
	model     *edmModel
	aliases   map[string]string // schema alias -> namespace, e.g. graph -> microsoft.graph
	namespace string            // of the schema being read

	typ      *edmType     // the type being read, nil outside one
	fn       *edmFunction // the function being read, nil outside one
	inAltKey bool         // inside an AlternateKeys annotation of typ
	altKey   []string     // the alternate key being read
	rawTypes []*edmType   // in document order, for link
	rawProps []*edmProperty
	rawFuncs []*edmFunction
	rawRoots []*edmRoot
	depth    int // element depth, to find where an AlternateKeys annotation ends
	altDepth int
}

// read scans the document's tags. The CSDL is machine-written XML (no
// CDATA, no entities beyond the five predefined ones, attributes in double
// quotes), so a tag scanner reads it several times faster than
// encoding/xml, which matters because every test binary that starts a
// fake parses it once.
func (p *csdlParser) read(r io.Reader) error {
	doc, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	for i := 0; i < len(doc); {
		lt := bytes.IndexByte(doc[i:], '<')
		if lt < 0 {
			break
		}
		i += lt + 1
		if i < len(doc) && (doc[i] == '?' || doc[i] == '!') { // declaration or comment
			end := bytes.IndexByte(doc[i:], '>')
			if bytes.HasPrefix(doc[i:], []byte("!--")) {
				if end = bytes.Index(doc[i:], []byte("-->")); end >= 0 {
					end += 2
				}
			}
			if end < 0 {
				return fmt.Errorf("unterminated markup at byte %d", i)
			}
			i += end + 1
			continue
		}
		gt := bytes.IndexByte(doc[i:], '>')
		if gt < 0 {
			return fmt.Errorf("unterminated tag at byte %d", i)
		}
		tag := doc[i : i+gt]
		i += gt + 1
		if len(tag) > 0 && tag[0] == '/' {
			p.end(localName(string(bytes.TrimSpace(tag[1:]))))
			p.depth--
			continue
		}
		selfClosing := len(tag) > 0 && tag[len(tag)-1] == '/'
		if selfClosing {
			tag = tag[:len(tag)-1]
		}
		e, err := p.parseTag(tag)
		if err != nil {
			return err
		}
		p.depth++
		p.start(e)
		if selfClosing {
			p.end(e.name)
			p.depth--
		}
	}
	if p.depth != 0 {
		return fmt.Errorf("document ends inside an element")
	}
	return nil
}

// csdlTag is one start tag: its local name and attributes.
type csdlTag struct {
	name  string
	attrs map[string]string
}

// csdlElements are the elements whose attributes start reads; the others
// (most of the document: enum members, capability annotations) only count
// for depth, so their attributes are not parsed.
var csdlElements = map[string]bool{
	"Schema": true, "EntityType": true, "ComplexType": true, "EnumType": true,
	"Property": true, "NavigationProperty": true, "Function": true, "Parameter": true,
	"ReturnType": true, "EntitySet": true, "Singleton": true, "FunctionImport": true,
	"Annotation": true,
}

func (p *csdlParser) parseTag(tag []byte) (csdlTag, error) {
	name, rest, _ := bytes.Cut(tag, []byte(" "))
	e := csdlTag{name: localName(string(bytes.TrimSpace(name)))}
	if !csdlElements[e.name] && !p.inAltKey {
		return e, nil
	}
	e.attrs = make(map[string]string, 4)
	for {
		rest = bytes.TrimLeft(rest, " \t\r\n")
		if len(rest) == 0 {
			return e, nil
		}
		key, after, ok := bytes.Cut(rest, []byte(`="`))
		if !ok {
			return e, fmt.Errorf("malformed attribute in <%s>", e.name)
		}
		value, after, ok := bytes.Cut(after, []byte(`"`))
		if !ok {
			return e, fmt.Errorf("unterminated attribute in <%s>", e.name)
		}
		e.attrs[localName(string(bytes.TrimSpace(key)))] = unescapeXML(string(value))
		rest = after
	}
}

// localName drops a namespace prefix: edmx:Edmx -> Edmx.
func localName(s string) string {
	if i := strings.IndexByte(s, ':'); i >= 0 {
		return s[i+1:]
	}
	return s
}

var xmlEntities = strings.NewReplacer("&quot;", `"`, "&apos;", "'", "&lt;", "<", "&gt;", ">", "&amp;", "&")

func unescapeXML(s string) string {
	if strings.IndexByte(s, '&') < 0 {
		return s
	}
	return xmlEntities.Replace(s)
}

func attr(e csdlTag, name string) string { return e.attrs[name] }

func (p *csdlParser) start(e csdlTag) {
	switch e.name {
	case "Schema":
		p.namespace = attr(e, "Namespace")
		if alias := attr(e, "Alias"); alias != "" {
			p.aliases[alias] = p.namespace
		}
	case "EntityType", "ComplexType":
		p.typ = &edmType{
			name:     p.namespace + "." + attr(e, "Name"),
			entity:   e.name == "EntityType",
			baseName: attr(e, "BaseType"),
			props:    make(map[string]*edmProperty),
		}
		p.rawTypes = append(p.rawTypes, p.typ)
	case "EnumType":
		p.model.enums[strings.ToLower(p.namespace+"."+attr(e, "Name"))] = true
	case "Property", "NavigationProperty":
		if p.typ == nil {
			return
		}
		name, collection := collectionOf(attr(e, "Type"))
		prop := &edmProperty{name: attr(e, "Name"), typeName: name, collection: collection, nav: e.name == "NavigationProperty"}
		p.typ.props[strings.ToLower(prop.name)] = prop
		p.rawProps = append(p.rawProps, prop)
	case "Function":
		p.fn = &edmFunction{name: attr(e, "Name"), bound: attr(e, "IsBound") == "true"}
		p.rawFuncs = append(p.rawFuncs, p.fn)
	case "Parameter":
		if p.fn == nil {
			return
		}
		name, collection := collectionOf(attr(e, "Type"))
		if p.fn.bound && p.fn.bindingType == "" {
			p.fn.bindingType, p.fn.bindingCollection = name, collection
			return
		}
		p.fn.params = append(p.fn.params, edmParameter{name: attr(e, "Name"), nullable: attr(e, "Nullable") != "false"})
	case "ReturnType":
		if p.fn != nil {
			p.fn.returnType, p.fn.returnCollection = collectionOf(attr(e, "Type"))
		}
	case "EntitySet", "Singleton":
		typ := attr(e, "EntityType")
		if typ == "" {
			typ = attr(e, "Type")
		}
		p.rawRoots = append(p.rawRoots, &edmRoot{name: attr(e, "Name"), typeName: typ, collection: e.name == "EntitySet"})
	case "FunctionImport":
		p.rawRoots = append(p.rawRoots, &edmRoot{name: attr(e, "Name"), function: attr(e, "Function")})
	case "Annotation":
		if p.typ != nil && attr(e, "Term") == "Org.OData.Core.V1.AlternateKeys" {
			p.inAltKey, p.altDepth = true, p.depth
		}
	case "Record":
		if p.inAltKey && attr(e, "Type") == "Org.OData.Core.V1.AlternateKey" {
			p.altKey = nil
		}
	case "PropertyValue":
		if p.inAltKey && attr(e, "Property") == "Alias" {
			p.altKey = append(p.altKey, attr(e, "String"))
		}
	}
}

func (p *csdlParser) end(name string) {
	switch name {
	case "EntityType", "ComplexType":
		p.typ = nil
	case "Function":
		p.fn = nil
	case "Record":
		if p.inAltKey && len(p.altKey) > 0 && p.depth == p.altDepth+2 { // Annotation/Collection/Record
			p.typ.altKeys = append(p.typ.altKeys, p.altKey)
			p.altKey = nil
		}
	case "Annotation":
		if p.inAltKey && p.depth == p.altDepth {
			p.inAltKey = false
		}
	}
}

// collectionOf splits "Collection(graph.x)" into "graph.x", true.
func collectionOf(t string) (string, bool) {
	if inner, ok := strings.CutPrefix(t, "Collection("); ok {
		return strings.TrimSuffix(inner, ")"), true
	}
	return t, false
}

// fullName replaces a schema alias with its namespace: graph.user ->
// microsoft.graph.user.
func (p *csdlParser) fullName(name string) string {
	i := strings.LastIndexByte(name, '.')
	if i < 0 {
		return name
	}
	if ns, ok := p.aliases[name[:i]]; ok {
		return ns + name[i:]
	}
	return name
}

// link resolves type names to full names and base types to pointers, once
// every schema has been read (aliases may be declared after their use).
func (p *csdlParser) link() error {
	m := p.model
	for _, t := range p.rawTypes {
		m.types[strings.ToLower(t.name)] = t
	}
	for _, t := range p.rawTypes {
		if t.baseName == "" {
			continue
		}
		t.baseName = p.fullName(t.baseName)
		base, ok := m.types[strings.ToLower(t.baseName)]
		if !ok {
			return fmt.Errorf("type %s has an unknown base type %s", t.name, t.baseName)
		}
		t.base = base
		base.derived = append(base.derived, t)
	}
	for _, prop := range p.rawProps {
		prop.typeName = p.fullName(prop.typeName)
	}
	for _, f := range p.rawFuncs {
		f.bindingType = p.fullName(f.bindingType)
		f.returnType = p.fullName(f.returnType)
		key := strings.ToLower(f.name)
		m.functions[key] = append(m.functions[key], f)
	}
	for _, r := range p.rawRoots {
		r.typeName = p.fullName(r.typeName)
		if r.function != "" {
			r.function = strings.ToLower(p.fullName(r.function))
		}
		m.roots[strings.ToLower(r.name)] = r
	}
	if m.types["microsoft.graph.user"] == nil || m.roots["users"] == nil {
		return fmt.Errorf("no microsoft.graph.user or users entity set: not Graph's metadata")
	}
	return nil
}

// structured returns the entity or complex type named name (a full name),
// or nil for a primitive or enum type.
func (m *edmModel) structured(name string) *edmType {
	return m.types[strings.ToLower(name)]
}

// property finds a property declared on t or a base type.
func (t *edmType) property(name string) *edmProperty {
	lower := strings.ToLower(name)
	for x := t; x != nil; x = x.base {
		if p, ok := x.props[lower]; ok {
			return p
		}
	}
	return nil
}

// derivedProperty finds a property declared on a type derived from t, at
// any depth.
func (t *edmType) derivedProperty(name string) *edmProperty {
	lower := strings.ToLower(name)
	for _, d := range t.derived {
		if p, ok := d.props[lower]; ok {
			return p
		}
		if p := d.derivedProperty(name); p != nil {
			return p
		}
	}
	return nil
}

// isA reports whether t is u or derives from it.
func (t *edmType) isA(u *edmType) bool {
	for x := t; x != nil; x = x.base {
		if x == u {
			return true
		}
	}
	return false
}
