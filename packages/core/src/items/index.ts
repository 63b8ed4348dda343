export { type Catalog, createCatalog, type Item, type ItemInput, ItemSchema } from './catalog';
