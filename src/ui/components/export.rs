//! "Download SVG" and "Download PNG" under a plot: the drawing as a file
//! of its own, with a title, the page's parameters (its URL query) and the
//! date above it. A standalone SVG has no stylesheet, so the colours and
//! fonts the page's CSS gives each element are written onto it, as SVG
//! presentation attributes (`fill="…"`): the page's CSP forbids inline
//! `style` attributes, and they would be blocked in the image too.

use super::super::lang::use_lang;
use crate::i18n::Text;
use wasm_bindgen::prelude::*;
use yew::prelude::*;

#[wasm_bindgen(inline_js = r#"
const STYLE = ['fill', 'fill-opacity', 'stroke', 'stroke-width', 'stroke-dasharray', 'opacity',
  'font-family', 'font-size', 'font-weight', 'text-anchor', 'dominant-baseline', 'visibility'];

// A copy of `svg` that stands alone: computed styles inlined, a white (or
// dark) background, and a header of `title`, the page's query and the date.
function standalone(svg, title) {
  const copy = svg.cloneNode(true);
  const from = [svg, ...svg.querySelectorAll('*')];
  const to = [copy, ...copy.querySelectorAll('*')];
  from.forEach((element, i) => {
    const style = getComputedStyle(element);
    for (const p of STYLE) {
      const value = style.getPropertyValue(p);
      if (value) to[i].setAttribute(p, value);
    }
  });
  const box = svg.viewBox.baseVal;
  const header = 44;
  const ns = 'http://www.w3.org/2000/svg';
  copy.setAttribute('xmlns', ns);
  copy.setAttribute('viewBox', `${box.x} ${box.y - header} ${box.width} ${box.height + header}`);
  copy.setAttribute('width', String(box.width * 1.5));
  copy.setAttribute('height', String((box.height + header) * 1.5));
  const background = document.createElementNS(ns, 'rect');
  background.setAttribute('x', String(box.x));
  background.setAttribute('y', String(box.y - header));
  background.setAttribute('width', String(box.width));
  background.setAttribute('height', String(box.height + header));
  background.setAttribute('fill', getComputedStyle(document.body).backgroundColor);
  copy.insertBefore(background, copy.firstChild);
  const ink = getComputedStyle(document.body).color;
  const line = (text, y, size, weight) => {
    const t = document.createElementNS(ns, 'text');
    t.setAttribute('x', String(box.x + 4));
    t.setAttribute('y', String(box.y - header + y));
    t.setAttribute('fill', ink);
    t.setAttribute('font-family', 'sans-serif');
    t.setAttribute('font-size', `${size}px`);
    t.setAttribute('font-weight', weight);
    t.textContent = text;
    copy.appendChild(t);
  };
  const query = decodeURIComponent(location.hash.split('?')[1] || '').replaceAll('&', ' · ');
  line(title, 16, 14, 'bold');
  line(`${location.hash.split('?')[0]}  ${query}  —  ${new Date().toISOString().slice(0, 19).replace('T', ' ')} UTC`, 34, 11, 'normal');
  return copy;
}

function fileName(title, extension) {
  const page = (location.hash.split('?')[0].replace(/^#\/?/, '') || 'home');
  const slug = title.toLowerCase().replace(/[^a-z0-9\u4e00-\u9fff]+/g, '-').replace(/^-|-$/g, '').slice(0, 40);
  return `${page}-${slug || 'plot'}.${extension}`;
}

function download(blob, name) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

export function exportSvg(svg, title) {
  const text = new XMLSerializer().serializeToString(standalone(svg, title));
  download(new Blob([text], { type: 'image/svg+xml' }), fileName(title, 'svg'));
}

// Drawn through an <img> of the SVG as a data: URL (the page's CSP allows
// data: images), onto a canvas at twice the size.
export function exportPng(svg, title) {
  const copy = standalone(svg, title);
  const text = new XMLSerializer().serializeToString(copy);
  const image = new Image();
  image.onload = () => {
    const canvas = document.createElement('canvas');
    canvas.width = Number(copy.getAttribute('width')) * 2;
    canvas.height = Number(copy.getAttribute('height')) * 2;
    canvas.getContext('2d').drawImage(image, 0, 0, canvas.width, canvas.height);
    canvas.toBlob((blob) => download(blob, fileName(title, 'png')), 'image/png');
  };
  image.src = 'data:image/svg+xml;charset=utf-8,' + encodeURIComponent(text);
}
"#)]
extern "C" {
    #[wasm_bindgen(js_name = exportSvg)]
    fn export_svg(svg: &web_sys::Element, title: &str);
    #[wasm_bindgen(js_name = exportPng)]
    fn export_png(svg: &web_sys::Element, title: &str);
}

#[derive(Properties, PartialEq)]
pub struct ExportProps {
    /// The plot's `<svg>`.
    pub svg: NodeRef,
    pub title: AttrValue,
}

#[function_component(ExportButtons)]
pub fn export_buttons(props: &ExportProps) -> Html {
    let ctx = use_lang();
    let save = |as_png: bool| {
        let (svg, title) = (props.svg.clone(), props.title.clone());
        Callback::from(move |_: MouseEvent| {
            if let Some(svg) = svg.cast::<web_sys::Element>() {
                if as_png {
                    export_png(&svg, &title);
                } else {
                    export_svg(&svg, &title);
                }
            }
        })
    };
    html! {
        <span class="export">
            <button type="button" data-testid="export-svg" onclick={save(false)}>{ ctx.t(Text::ExportSvg) }</button>
            <button type="button" data-testid="export-png" onclick={save(true)}>{ ctx.t(Text::ExportPng) }</button>
        </span>
    }
}
