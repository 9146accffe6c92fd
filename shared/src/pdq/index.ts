export * from './pdq';
export * from './photo';
export * from './hash256';
export { DIHEDRAL_VARIANTS, type DihedralVariant } from './dct';
export * from './pdq-index';
export * from './exif-orientation';
