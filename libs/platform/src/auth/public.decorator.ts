import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC_KEY = 'forewarn:public';

/** Lets a route through without a token: only for health and metrics, which carry no case data. */
export const Public = () => SetMetadata(IS_PUBLIC_KEY, true);
