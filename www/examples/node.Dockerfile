FROM node:20
WORKDIR /usr/src/app
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN npm run build
RUN npm install -g pm2
ENV NODE_ENV=production
EXPOSE 3000
CMD ["pm2-runtime", "dist/server.js"]
