global using DoiThoai.Web.Data;
global using DoiThoai.Web.Infrastructure;
global using Microsoft.EntityFrameworkCore;
